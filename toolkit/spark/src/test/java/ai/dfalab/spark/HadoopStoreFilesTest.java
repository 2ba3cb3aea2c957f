package ai.dfalab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.run.StoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store's file operations through Hadoop's local file system, as they run on HDFS or S3A. */
class HadoopStoreFilesTest {
    /** Heartbeats every 50 ms, stale after 500 ms of the test's clock. */
    private static final HadoopStoreFiles.Lease QUICK =
            new HadoopStoreFiles.Lease(Duration.ofMillis(50), Duration.ofMillis(500));

    /**
     * The time heartbeats are written and judged by, moved by the test: a lock's staleness then never depends on
     * when the scheduler runs a heartbeat (a real 2 s window was missed on a loaded CI machine).
     */
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

    @TempDir
    Path dir;

    private HadoopStoreFiles files() {
        return new HadoopStoreFiles(
                dir.toUri(), new Configuration(), QUICK, () -> java.time.Instant.ofEpochMilli(now.get()));
    }

    private static String read(StoreFiles files, String path) throws IOException {
        try (InputStream in = files.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static StoreFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWriteIsPublishedWholeUnderItsNameWithItsChecksum() throws Exception {
        StoreFiles files = files();
        StoreFiles.Written w = files.write("run/run.json", text("first"));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("first".getBytes(StandardCharsets.UTF_8));
        assertEquals(new StoreFiles.Written("run/run.json", 5, HexFormat.of().formatHex(sha)), w);
        files.write("run/run.json", text("second, longer"));
        assertEquals("second, longer", read(files, "run/run.json"));
        assertArrayEquals(
                "second, longer".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("run/run.json")));
        files.write("run/params-e0001.bin", text("x"));
        assertEquals(List.of("params-e0001.bin", "run.json"), files.list("run"), "no temporary or .crc files");
        assertEquals(List.of("run"), files.list(""));
        assertEquals(List.of(), files.list("absent"));
        assertTrue(files.exists("run/run.json"));
        assertThrows(NoSuchFileException.class, () -> files.open("run/absent.json"));
        files.delete("run");
        assertFalse(files.exists("run"));
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTrace() throws Exception {
        StoreFiles files = files();
        files.write("run/run.json", text("complete"));
        IOException failure = assertThrows(
                IOException.class,
                () -> files.write("run/run.json", out -> {
                    out.write("torn".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk gone");
                }));
        assertEquals("disk gone", failure.getMessage());
        assertEquals("complete", read(files, "run/run.json"));
        assertEquals(List.of("run.json"), files.list("run"));
    }

    @Test
    void aHeldLockRefusesOthersWhileItsHeartbeatGoesOnAndIsFreeOnceReleased() throws Exception {
        HadoopStoreFiles files = files();
        Optional<StoreFiles.Lock> a = files.tryLock("run", "writer A");
        assertTrue(a.isPresent());
        assertTrue(files.tryLock("run", "writer B").isEmpty());
        long later = now.addAndGet(3 * QUICK.staleAfter().toMillis()); // older than stale, were it not renewed
        awaitHeartbeat(later); // however late the scheduler runs it
        assertTrue(files.tryLock("run", "writer B").isEmpty(), "a live holder's lock is not taken over");
        assertTrue(files.lockOwner("run").orElseThrow().startsWith("writer A (last heartbeat "));
        a.get().close();
        assertEquals(Optional.empty(), files.lockOwner("run"));
        Optional<StoreFiles.Lock> b = files.tryLock("run", "writer B");
        assertTrue(b.isPresent());
        b.get().close();
        assertEquals(List.of(), files.list("run"), "released: no lock file, no takeover marker");
    }

    @Test
    void aDeadHoldersLockIsTakenOverOnceAndItsReleaseFreesNothing() throws Exception {
        HadoopStoreFiles files = files();
        StoreFiles.Lock dead = files.tryLock("run", "writer A").orElseThrow();
        // A stops its heartbeats (a frozen or partitioned executor): its lock's heartbeat ages
        String token = Files.readString(dir.resolve("run/lock")).split("\n")[0];
        dead.close(); // only its heartbeat thread ends; the file is put back below, as A left it
        long old = now.get() - 10 * QUICK.staleAfter().toMillis();
        Files.writeString(dir.resolve("run/lock"), token + "\n" + old + "\nwriter A\n");

        StoreFiles.Lock b = files.tryLock("run", "writer B").orElseThrow();
        assertTrue(files.lockOwner("run").orElseThrow().startsWith("writer B"));
        String marker = Files.readString(dir.resolve("run/lock.taken-" + token));
        assertTrue(marker.startsWith("taken over by writer B from writer A"), marker);
        assertTrue(files.tryLock("run", "writer C").isEmpty(), "B holds it now");
        dead.close(); // A comes back and releases: B's lock is not A's to delete
        assertTrue(files.lockOwner("run").orElseThrow().startsWith("writer B"));
        b.close();
    }

    @Test
    void aLockFileBeingWrittenCountsAsFreshFromItsFileTime() throws Exception {
        HadoopStoreFiles files = files();
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/lock"), "1f3a\n17"); // a heartbeat cut short
        assertTrue(files.tryLock("run", "writer B").isEmpty());
        assertTrue(files.lockOwner("run").orElseThrow().startsWith("an unknown holder"));
    }

    /** Waits (up to a minute) until the lock file carries a heartbeat written at {@code time} or later. */
    private void awaitHeartbeat(long time) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (heartbeat() < time) {
            assertTrue(System.nanoTime() < deadline, "no heartbeat written in a minute");
            Thread.sleep(20);
        }
    }

    /** The lock file's heartbeat, or -1 while the holder is rewriting it (it is truncated, then written). */
    private long heartbeat() throws IOException {
        String[] lines = Files.readString(dir.resolve("run/lock")).split("\n");
        return lines.length >= 3 && lines[1].matches("[0-9]+") ? Long.parseLong(lines[1]) : -1;
    }
}
