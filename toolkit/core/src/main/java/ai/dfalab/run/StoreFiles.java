package ai.dfalab.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The file operations a {@link ResultStore} needs, on '/'-separated paths relative to the store's root: all it does
 * to storage goes through here, so another file system (a Hadoop one for a Spark sweep) is one implementation more.
 * {@link LocalStoreFiles} is the local one.
 *
 * <p>The store's consistency rests on two guarantees: {@link #write} publishes a whole file or nothing (a reader sees
 * the old content or the new, never part), and {@link #tryLock} admits one holder per folder at a time, across
 * processes and machines, with a lock that cannot outlive a dead holder (or can be recognised as stale).
 */
public interface StoreFiles {

    /** What a write produced: the file's path, its size and the SHA-256 of its bytes. */
    record Written(String path, long bytes, String sha256) {}

    /** Writes a file's bytes to the stream it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    boolean exists(String path) throws IOException;

    /** Reads a file; {@link java.nio.file.NoSuchFileException} if it is absent. */
    InputStream open(String path) throws IOException;

    /**
     * Writes {@code path} whole: the content goes to a temporary name of this writer's own, is made durable, then
     * replaces {@code path} in one atomic step. A failure at any point leaves {@code path} as it was.
     */
    Written write(String path, Content content) throws IOException;

    /** The names directly under folder {@code dir}, sorted; empty if it does not exist. */
    List<String> list(String dir) throws IOException;

    /** Deletes a file, or a folder with everything in it; nothing if absent. */
    void delete(String path) throws IOException;

    /**
     * Takes the writer's lock of folder {@code dir} (created if absent) for {@code owner} (who holds it, for the
     * others' messages), or returns empty at once if someone else holds it.
     */
    Optional<Lock> tryLock(String dir, String owner) throws IOException;

    /** Who holds the lock of {@code dir} (as given to {@link #tryLock}), if anyone is known to. */
    Optional<String> lockOwner(String dir) throws IOException;

    /** Where {@code path} is, for messages (e.g. an absolute path or a URI). */
    String describe(String path);
}
