package ai.dfalab.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the data root and the data sets under it: env {@code DFA_DATA}, else system property {@code dfa.data},
 * else {@code ~/dfa-data}. The single place that knows this order, so the CLI, tests and notebooks agree.
 */
public final class DataLocation {
    public static final String ENV = "DFA_DATA";
    public static final String PROPERTY = "dfa.data";
    public static final String DEFAULT_ROOT = "~/dfa-data";
    static final String GZIP_SUFFIX = ".gz";

    private DataLocation() {}

    /** The data root; it need not exist. */
    public static Path root() {
        return resolveRoot(System.getenv(ENV), System.getProperty(PROPERTY), System.getProperty("user.home"));
    }

    /** The folder of {@code set} under {@link #root()}. */
    public static Path dir(DatasetName set) {
        return root().resolve(set.folder());
    }

    /** Whether every file of {@code set} is present under {@link #root()}: lets tests and notebooks skip cleanly. */
    public static boolean has(DatasetName set) {
        return has(root(), set);
    }

    /** Whether every file and sub-folder of {@code set} is present under {@code root} (contents are not checked). */
    public static boolean has(Path root, DatasetName set) {
        Path dir = root.resolve(set.folder());
        return set.files().stream().allMatch(name -> existing(dir, name) != null)
                && set.folders().stream().allMatch(name -> Files.isDirectory(dir.resolve(name)));
    }

    /** Fails, naming the first missing file or folder and how to obtain the data set, unless all of {@code set} is present. */
    public static void require(DatasetName set) {
        require(root(), set);
    }

    /** As {@link #require(DatasetName)}, for the data root {@code root}. */
    public static void require(Path root, DatasetName set) {
        Path dir = root.resolve(set.folder());
        set.files().forEach(name -> file(dir, name, set));
        for (String name : set.folders()) {
            if (!Files.isDirectory(dir.resolve(name))) {
                throw new DataFormatException(
                        dir.resolve(name), "missing folder (" + dir + " has no " + name + "/). " + set.fetchHint());
            }
        }
    }

    /**
     * The file {@code name} in {@code dir}, plain or gzipped ({@code name.gz}), never both: with both present the
     * loader cannot tell which is right (a half-finished {@code gunzip} leaves a short plain file beside a good
     * {@code .gz}; an old copy may sit beside a new download), so it refuses and names the two.
     *
     * @throws DataFormatException naming the expected file and how to fetch the data set, if neither exists; naming
     *     both files, if both do
     */
    static Path file(Path dir, String name, DatasetName set) {
        Path plain = dir.resolve(name);
        Path gzipped = dir.resolve(name + GZIP_SUFFIX);
        if (Files.isRegularFile(plain) && Files.isRegularFile(gzipped)) {
            throw new DataFormatException(
                    plain,
                    "ambiguous: both " + plain + " and " + gzipped + " exist; keep the one you trust and remove the"
                            + " other (data-scripts/verify checks a folder against the official checksums)");
        }
        Path found = existing(dir, name);
        if (found == null) {
            throw new DataFormatException(
                    dir.resolve(name),
                    "missing file (neither " + name + " nor " + name + GZIP_SUFFIX + " exists in " + dir + "). "
                            + set.fetchHint());
        }
        return found;
    }

    static Path resolveRoot(String env, String property, String userHome) {
        if (env != null && !env.isBlank()) {
            return expandHome(env.strip(), userHome);
        }
        if (property != null && !property.isBlank()) {
            return expandHome(property.strip(), userHome);
        }
        return expandHome(DEFAULT_ROOT, userHome);
    }

    private static Path existing(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = dir.resolve(name + GZIP_SUFFIX);
        return Files.isRegularFile(gzipped) ? gzipped : null;
    }

    private static Path expandHome(String path, String userHome) {
        if (path.equals("~")) {
            return Path.of(userHome);
        }
        if (path.startsWith("~/")) {
            return Path.of(userHome, path.substring(2));
        }
        return Path.of(path);
    }
}
