package ai.dfalab.spark;

import ai.dfalab.run.StoreFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * {@link StoreFiles} on any file system Hadoop reaches ({@code hdfs://}, {@code s3a://}, {@code file://}), in the
 * layout of {@link ai.dfalab.run.LocalStoreFiles}. What each guarantees is in docs/spark.md; in short:
 *
 * <ul>
 *   <li>A write goes to a unique temporary name, is synced where the stream can ({@code hsync}), then renamed over its
 *       target: atomic on HDFS (one NameNode operation) and on a local disk ({@code rename(2)}); on S3A a rename is a
 *       copy, and replacing a file a delete then a copy. A crash in between leaves no {@code run.json}, never a torn
 *       one, and the store's manifest (every array named with its SHA-256 in {@code run.json}) catches any other mix.
 *   <li>The per-run lock is a lease: a file {@code lock} created only if absent ({@code create(path, false)}),
 *       holding a token, its owner and a heartbeat its holder rewrites every {@link Lease#renewEvery}. It is stale
 *       when its heartbeat is older than {@link Lease#staleAfter} by the reader's clock (clocks are assumed to agree
 *       to well within that), and then taken over by whoever first creates the marker {@code lock.taken-TOKEN}.
 * </ul>
 */
public final class HadoopStoreFiles implements StoreFiles {
    static final String LOCK_FILE = "lock";
    /** A rewrite takes microseconds; five reads 20 ms apart tell one in progress from a damaged file. */
    private static final int REREADS_OF_A_PARTIAL_LOCK = 5;

    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-store-lease-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /**
     * How a lock lives: its holder rewrites its heartbeat every {@code renewEvery}; others take it over when the
     * heartbeat is older than {@code staleAfter}.
     */
    public record Lease(Duration renewEvery, Duration staleAfter) {
        /** Six heartbeats may be missed (a long GC pause, a slow NameNode) before a lock counts as abandoned. */
        public static final Lease DEFAULT = new Lease(Duration.ofSeconds(10), Duration.ofSeconds(60));

        public Lease {
            if (staleAfter.compareTo(renewEvery.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "staleAfter (" + staleAfter + ") must be at least twice renewEvery (" + renewEvery + ")");
            }
        }
    }

    private final FileSystem fs;
    private final Path root;
    private final Lease lease;
    private final InstantSource clock;

    /** The store under {@code root} (a URI with a scheme Hadoop knows), with the default lease. */
    public HadoopStoreFiles(URI root, Configuration conf) {
        this(root, conf, Lease.DEFAULT, InstantSource.system());
    }

    /** {@code clock}: what heartbeats are written and judged by (tests move it; they cannot time a scheduler). */
    HadoopStoreFiles(URI root, Configuration conf, Lease lease, InstantSource clock) {
        try {
            FileSystem opened = FileSystem.get(root, conf);
            // the store checks its own files with SHA-256; the checksummed local FS's .crc side files would only add
            // a second, non-atomic rename per write (a reader between the two would see a checksum error)
            this.fs = opened instanceof LocalFileSystem local ? local.getRaw() : opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run store " + root + ": " + e.getMessage(), e);
        }
        this.root = fs.makeQualified(new Path(root));
        this.lease = lease;
        this.clock = clock;
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : new Path(root, path);
    }

    @Override
    public boolean exists(String path) throws IOException {
        return fs.exists(resolve(path));
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return fs.open(resolve(path));
        } catch (FileNotFoundException e) {
            throw missing(path, e);
        }
    }

    /** The run store tells an absent file by {@link NoSuchFileException}; Hadoop throws its parent. */
    private NoSuchFileException missing(String path, FileNotFoundException cause) {
        NoSuchFileException e = new NoSuchFileException(describe(path));
        e.initCause(cause);
        return e;
    }

    @Override
    public Written write(String path, Content content) throws IOException {
        Path target = resolve(path);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        MessageDigest sha = sha256();
        long bytes;
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                OutputStream digesting = new DigestOutputStream(out, sha) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the file is closed once it is synced, below
                    }
                };
                content.writeTo(digesting);
                digesting.flush();
                bytes = out.getPos();
                if (out.hasCapability(StreamCapabilities.HSYNC)) {
                    out.hsync(); // HDFS, local: on disk before it is renamed; an object store's close is its sync
                }
            }
            replace(tmp, target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // the write's own failure is the one to report
            }
            throw e;
        }
        return new Written(path, bytes, HexFormat.of().formatHex(sha.digest()));
    }

    /** Renames {@code tmp} over {@code target}. */
    private void replace(Path tmp, Path target) throws IOException {
        if (fs instanceof RawLocalFileSystem) {
            // rename(2) replaces an existing target atomically; Hadoop's overwriting rename would delete it first
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } else {
            // HDFS: one atomic NameNode operation; other file systems: delete the target, then rename
            FileUtil.rename(fs, tmp, target, Options.Rename.OVERWRITE);
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        try {
            return Arrays.stream(fs.listStatus(resolve(dir)))
                    .map(s -> s.getPath().getName())
                    .sorted()
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public void delete(String path) throws IOException {
        fs.delete(resolve(path), true);
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }

    @Override
    public Optional<Lock> tryLock(String dir, String owner) throws IOException {
        Path file = new Path(resolve(dir), LOCK_FILE);
        LeaseFile mine = new LeaseFile(UUID.randomUUID().toString(), clock.millis(), owner.replace('\n', ' '));
        if (create(file, mine.bytes())) {
            return Optional.of(new HeldLease(file, mine));
        }
        Optional<LeaseFile> held = read(file);
        if (held.isEmpty() || !held.get().staleAt(clock.millis(), lease)) {
            return Optional.empty(); // held (or just released: the caller tries again)
        }
        return takeOver(file, held.get(), mine);
    }

    /**
     * Takes over a stale lock. Of all who found it stale, the one who creates the marker {@code lock.taken-TOKEN}
     * deletes it; the others give up. The marker stays, a record that the holder died (or stalled).
     */
    private Optional<Lock> takeOver(Path file, LeaseFile stale, LeaseFile mine) throws IOException {
        Path marker = new Path(file.getParent(), LOCK_FILE + ".taken-" + stale.token());
        String record = "taken over by " + mine.owner() + " from " + stale.owner() + ", whose last heartbeat was at "
                + java.time.Instant.ofEpochMilli(stale.heartbeat()) + "\n";
        if (!create(marker, record.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Optional<LeaseFile> still = read(file);
        if (still.isPresent() && still.get().token().equals(stale.token())) {
            fs.delete(file, false);
        }
        return create(file, mine.bytes()) ? Optional.of(new HeldLease(file, mine)) : Optional.empty();
    }

    @Override
    public Optional<String> lockOwner(String dir) throws IOException {
        return read(new Path(resolve(dir), LOCK_FILE))
                .map(l -> l.owner() + " (last heartbeat " + Math.max(0, (clock.millis() - l.heartbeat()) / 1000)
                        + " s ago)");
    }

    /** Creates {@code file} with {@code bytes} if it does not exist; false if it does. */
    private boolean create(Path file, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(file)) {
                return false; // HDFS: another client is creating it right now (AlreadyBeingCreatedException)
            }
            throw e;
        }
    }

    /**
     * The lock file's lease, if there is one. A holder rewrites it in place (truncate, then write), so a partial one
     * is read again a few times before it counts as damaged: fresh from its file's time, by an unknown holder.
     */
    private Optional<LeaseFile> read(Path file) throws IOException {
        try {
            for (int attempt = 1; attempt < REREADS_OF_A_PARTIAL_LOCK; attempt++) {
                Optional<LeaseFile> whole = LeaseFile.parse(text(file));
                if (whole.isPresent()) {
                    return whole;
                }
                pauseBeforeRereading();
            }
            // the file's time only for a damaged one: a whole lease costs one read, no second call to the file system
            FileStatus status = fs.getFileStatus(file);
            return Optional.of(
                    LeaseFile.parse(text(file)).orElseGet(() -> LeaseFile.damaged(status.getModificationTime())));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private String text(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void pauseBeforeRereading() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a lock file being rewritten");
        }
    }

    /** What a lock file holds: a token naming this holding, the holder's last heartbeat (epoch ms), its owner. */
    record LeaseFile(String token, long heartbeat, String owner) {
        /** The lease in {@code text} if it is whole (with its final newline: "17" of "1765000000000" is none). */
        static Optional<LeaseFile> parse(String text) {
            String[] lines = text.split("\n", -1);
            if (lines.length == 4 && lines[3].isEmpty() && lines[1].matches("[0-9]{1,18}")) {
                return Optional.of(new LeaseFile(lines[0], Long.parseLong(lines[1]), lines[2]));
            }
            return Optional.empty();
        }

        /** A lock file that stays partial or damaged: held by someone unknown, as fresh as its file. */
        static LeaseFile damaged(long modified) {
            return new LeaseFile("unreadable-" + modified, modified, "an unknown holder");
        }

        byte[] bytes() {
            return (token + "\n" + heartbeat + "\n" + owner + "\n").getBytes(StandardCharsets.UTF_8);
        }

        boolean staleAt(long now, Lease lease) {
            return now - heartbeat > lease.staleAfter().toMillis();
        }
    }

    /** A lock this process holds: its heartbeat renewed until closed, or until someone took it over. */
    private final class HeldLease implements Lock {
        private final Path file;
        private final LeaseFile lease;
        private final ScheduledFuture<?> heartbeat;
        private boolean closed;

        HeldLease(Path file, LeaseFile lease) {
            this.file = file;
            this.lease = lease;
            long every = HadoopStoreFiles.this.lease.renewEvery().toMillis();
            this.heartbeat = HEARTBEATS.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private boolean stillMine() throws IOException {
            return read(file).map(l -> l.token().equals(lease.token())).orElse(false);
        }

        /** Synchronized with {@link #close}: a heartbeat written after the release would resurrect the lock. */
        private synchronized void renew() {
            if (closed) {
                return;
            }
            try {
                if (!stillMine()) {
                    System.err.println("run store: the lock " + file + " of " + lease.owner()
                            + " was taken over after missed heartbeats; this writer no longer excludes others");
                    heartbeat.cancel(false);
                    return;
                }
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(new LeaseFile(lease.token(), clock.millis(), lease.owner()).bytes());
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("run store: cannot renew the lock " + file + " (" + e + "); trying again");
            }
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            heartbeat.cancel(false);
            if (stillMine()) {
                fs.delete(file, false);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
