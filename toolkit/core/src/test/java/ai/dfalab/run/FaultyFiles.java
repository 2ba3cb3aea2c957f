package ai.dfalab.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local store files that crash at one chosen point of the writes: every write has three (before anything is written;
 * halfway through its content, leaving a torn temporary file as a killed process would; after it is published, before
 * the caller learns it), every delete two (before, after). Point {@code n} counts them in order; -1 never crashes.
 */
final class FaultyFiles implements StoreFiles {
    /** The crash: what a killed process never sees. */
    static final class Crash extends RuntimeException {
        Crash(String point) {
            super("injected crash " + point);
        }
    }

    private final LocalStoreFiles local;
    private final Path root;
    private final int crashAt;
    private int point;
    final List<String> points = new ArrayList<>();

    FaultyFiles(Path root, int crashAt) {
        this.local = new LocalStoreFiles(root);
        this.root = root;
        this.crashAt = crashAt;
    }

    private void at(String what) {
        points.add(what);
        if (point++ == crashAt) {
            throw new Crash(what);
        }
    }

    @Override
    public Written write(String path, Content content) throws IOException {
        at("before writing " + path);
        Written written = local.write(path, out -> {
            if (point == crashAt) {
                // a kill in mid-write: part of the content in a temporary file that nobody deletes
                Path torn =
                        root.resolve(path).resolveSibling("." + Path.of(path).getFileName() + ".tmp-killed");
                Files.write(torn, new byte[] {1, 2, 3});
            }
            at("halfway through writing " + path);
            content.writeTo(out);
        });
        at("after publishing " + path);
        return written;
    }

    @Override
    public void delete(String path) throws IOException {
        at("before deleting " + path);
        local.delete(path);
        at("after deleting " + path);
    }

    @Override
    public boolean exists(String path) {
        return local.exists(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return local.open(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return local.list(dir);
    }

    @Override
    public Optional<Lock> tryLock(String dir, String owner) throws IOException {
        return local.tryLock(dir, owner);
    }

    @Override
    public Optional<String> lockOwner(String dir) throws IOException {
        return local.lockOwner(dir);
    }

    @Override
    public String describe(String path) {
        return local.describe(path);
    }
}
