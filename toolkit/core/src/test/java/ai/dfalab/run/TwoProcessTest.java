package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store with real second processes: one writer per run, a waiting or refusing second one, kill -9. */
class TwoProcessTest {
    @TempDir
    Path dir;

    /** A child JVM of {@link StoreChild} and its output lines as they come. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();

        Child(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-D" + DataLocation.PROPERTY + "=" + DataLocation.root(),
                    StoreChild.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (all) {
                            all.add(line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("read failed: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix}; fails with the output so far after {@code seconds}. */
        String await(String prefix, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("no line '" + prefix + "' in " + seconds + " s; output: " + output());
        }

        int exit() throws InterruptedException {
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "child finished: " + output());
            return process.exitValue();
        }

        String output() {
            synchronized (all) {
                return String.join("\n", all);
            }
        }
    }

    @Test
    void aSecondWriterWaitsForTheFirstOrRefusesNamingIt() throws Exception {
        ResultStore store = new ResultStore(dir);
        Child first = new Child("lock", dir.toString(), "3000");
        first.await("locked", 60);

        RunLockedException refused =
                assertThrows(RunLockedException.class, () -> store.lock(StoreChild.KEY, false, m -> {}));
        assertTrue(refused.getMessage().contains("pid " + first.process.pid()), refused.getMessage());

        List<String> waited = new ArrayList<>();
        try (StoreFiles.Lock lock = store.lock(StoreChild.KEY, true, waited::add)) {
            assertTrue(first.output().contains("releasing"), "the lock came only once the first let go");
        }
        assertEquals(1, waited.size(), "told once that it waits: " + waited);
        assertTrue(waited.get(0).contains("pid " + first.process.pid())
                && waited.get(0).endsWith("waiting for it"));
        assertEquals(0, first.exit());
    }

    @Test
    void aKilledWriterLeavesNoStaleLock() throws Exception {
        Child writer = new Child("lock", dir.toString(), "600000");
        writer.await("locked", 60);
        writer.process.destroyForcibly(); // kill -9
        writer.exit();
        try (StoreFiles.Lock lock = new ResultStore(dir).lock(StoreChild.KEY, false, m -> {})) {
            assertTrue(lock != null);
        }
    }

    @Test
    void twoProcessesRunningTheSameRunTrainItOnceAndAgree() throws Exception {
        MnistRuns.requireMnist();
        Child a = new Child("train", dir.toString());
        Child b = new Child("train", dir.toString());
        assertEquals(0, a.exit(), a.output());
        assertEquals(0, b.exit(), b.output());
        String resultA = a.await("result ", 5);
        String resultB = b.await("result ", 5);
        assertEquals(resultA, resultB);
        assertTrue(resultA.startsWith("result finished "), resultA);
        boolean aTrained = a.output().contains("epoch 3");
        boolean bTrained = b.output().contains("epoch 3");
        assertTrue(aTrained ^ bTrained, "exactly one trained:\n" + a.output() + "\n--\n" + b.output());
        Child waiter = aTrained ? b : a;
        assertTrue(waiter.output().contains("reused"), waiter.output());
        RunResult stored = new Experiment(new ResultStore(dir), Progress.SILENT)
                .stored(MnistRuns.SHORT)
                .orElseThrow();
        assertTrue(stored.finished());
    }

    @Test
    void aWriterKilledAfterAnEpochResumesToTheUninterruptedResult() throws Exception {
        MnistRuns.requireMnist();
        Experiment straight =
                new Experiment(new ResultStore(dir.resolve("straight")), Progress.SILENT).keepingWeights();
        RunResult expected = straight.run(MnistRuns.SHORT);

        Path root = dir.resolve("killed");
        Child writer = new Child("train", root.toString());
        writer.await("epoch 2", 120);
        writer.process.destroyForcibly();
        writer.exit();

        int[] startedAt = {-1};
        Experiment resumed = new Experiment(new ResultStore(root), new Progress() {
                    @Override
                    public void started(RunSpec spec, int firstEpoch, String path) {
                        startedAt[0] = firstEpoch;
                    }
                })
                .keepingWeights();
        RunResult r = resumed.run(MnistRuns.SHORT);
        assertTrue(startedAt[0] >= 2, "resumed after the killed process's second epoch, at " + startedAt[0]);
        assertEquals(
                straight.trained(MnistRuns.SHORT).net().params(),
                resumed.trained(MnistRuns.SHORT).net().params(),
                "final weights bit for bit");
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.epochs().get(e).testLoss(), r.epochs().get(e).testLoss(), "epoch " + e);
        }
    }
}
