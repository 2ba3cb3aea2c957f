package ai.dfalab.spark;

import ai.dfalab.run.LocalStoreFiles;
import ai.dfalab.run.ResultStore;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a sweep's run store is, as {@code --store} names it. A plain path or a {@code file:} URI is a folder (local,
 * or shared such as NFS) opened with {@link LocalStoreFiles} and its OS locks, as everywhere else in the toolkit; any
 * other scheme ({@code hdfs://}, {@code s3a://}, ...) is opened through Hadoop's FileSystem ({@link HadoopStoreFiles}).
 * Serializable, so that tasks carry it to the executors, which open the store themselves.
 *
 * @param uri       the store's root, absolute
 * @param viaHadoop whether it is opened through Hadoop
 */
public record StoreLocation(URI uri, boolean viaHadoop) implements Serializable {
    /** A scheme of two letters or more: {@code C:\runs} stays a path. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    public StoreLocation {
        if (!uri.isAbsolute() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new IllegalArgumentException("a run store URI needs a scheme and an absolute path, got " + uri);
        }
    }

    /** {@code store} as {@code --store} takes it: a path, {@code file:///...}, or a URI Hadoop knows. */
    public static StoreLocation parse(String store) {
        if (store.isBlank()) {
            throw new IllegalArgumentException(
                    "--store is empty: give a folder, or a URI such as hdfs://namenode:8020/dfa/runs");
        }
        if (!SCHEME.matcher(store).matches()) {
            return local(Path.of(store));
        }
        URI uri;
        try {
            uri = new URI(store);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--store '" + store + "' is not a URI: " + e.getMessage(), e);
        }
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            try {
                return local(Path.of(uri));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--store '" + store + "': a file URI needs an absolute path, as file:///data/runs", e);
            }
        }
        return new StoreLocation(uri, true);
    }

    /** The folder {@code folder}, opened with {@link LocalStoreFiles}. */
    public static StoreLocation local(Path folder) {
        return new StoreLocation(folder.toAbsolutePath().normalize().toUri(), false);
    }

    /** {@code uri} through Hadoop's FileSystem, whatever its scheme ({@code file:} included: tests use it so). */
    public static StoreLocation viaHadoop(URI uri) {
        return new StoreLocation(uri, true);
    }

    /** The store, with {@code hadoop} configuring the file system (ignored for a local folder). */
    public ResultStore open(Configuration hadoop) {
        return new ResultStore(viaHadoop ? new HadoopStoreFiles(uri, hadoop) : new LocalStoreFiles(Path.of(uri)));
    }

    @Override
    public String toString() {
        return viaHadoop ? uri + " (through Hadoop)" : Path.of(uri).toString();
    }
}
