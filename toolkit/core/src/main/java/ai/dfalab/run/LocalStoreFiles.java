package ai.dfalab.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link StoreFiles} on a local (POSIX) file system. A write goes to a hidden temporary file named uniquely for this
 * writer, is fsynced, renamed over its target and the folder fsynced: whole or nothing, also across a power loss. The
 * lock is an OS lock ({@code fcntl}) on the folder's {@code lock} file, which also records its owner: the kernel
 * drops it when its process dies, so a lock here is never stale.
 */
public final class LocalStoreFiles implements StoreFiles {
    static final String LOCK_FILE = "lock";
    /** Lock files this JVM holds: an OS lock is per process, so threads of one process must exclude each other here. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path root;

    public LocalStoreFiles(Path root) {
        this.root = root;
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public Written write(String path, Content content) throws IOException {
        Path target = resolve(path);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        MessageDigest sha = sha256();
        long bytes;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CountingStream out = new CountingStream(new BufferedOutputStream(
                        new DigestOutputStream(Channels.newOutputStream(channel), sha), 1 << 16));
                content.writeTo(out);
                out.flush();
                channel.force(true);
                bytes = out.count;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncFolder(dir);
        return new Written(path, bytes, HexFormat.of().formatHex(sha.digest()));
    }

    /** Makes a rename in {@code dir} durable (the rename itself is atomic, its survival of a power loss is not). */
    private static void syncFolder(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder; the data itself was fsynced
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path folder = resolve(dir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = resolve(path);
        if (!Files.isDirectory(target)) {
            Files.deleteIfExists(target);
            return;
        }
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public Optional<Lock> tryLock(String dir, String owner) throws IOException {
        Path file = resolve(dir).resolve(LOCK_FILE).toAbsolutePath().normalize();
        Files.createDirectories(file.getParent());
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(file);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            FileChannel held = channel;
            return Optional.of(() -> {
                try {
                    held.truncate(0); // no owner named once released
                    lock.release();
                    held.close();
                } finally {
                    HELD.remove(file);
                }
            });
        } catch (IOException | OverlappingFileLockException e) {
            if (channel != null) {
                channel.close();
            }
            HELD.remove(file);
            throw e instanceof IOException io ? io : new IOException("cannot lock " + file, e);
        }
    }

    @Override
    public Optional<String> lockOwner(String dir) throws IOException {
        Path file = resolve(dir).resolve(LOCK_FILE);
        try {
            String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            return owner.isEmpty() ? Optional.empty() : Optional.of(owner);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe(String path) {
        return resolve(path).toAbsolutePath().toString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes written through it; closing it only flushes (the file is closed once it is synced). */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
