package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A crash at every point of every save of a real run (3 epochs of one step, momentum state): the next start finds a consistent
 * epoch, resumes from it, and ends bit for bit where the uninterrupted run ends (same weights, same metrics). A
 * missing or damaged checkpoint is named, set aside, and the run restarts cleanly.
 */
class CheckpointFaultTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsMnist() {
        MnistRuns.requireMnist();
    }

    private record Outcome(RunResult result, INDArray weights) {}

    private static Outcome finish(ResultStore store, Progress progress) {
        Experiment experiment = new Experiment(store, progress).keepingWeights();
        RunResult result = experiment.run(MnistRuns.TINY);
        return new Outcome(
                result, experiment.trained(MnistRuns.TINY).net().params().dup());
    }

    private static void assertSameRun(Outcome expected, Outcome actual, String context) {
        assertEquals(expected.weights(), actual.weights(), context + ": final weights bit for bit");
        assertEquals(expected.result().epochs().size(), actual.result().epochs().size(), context);
        for (int e = 0; e < expected.result().epochs().size(); e++) {
            EpochMetrics a = expected.result().epochs().get(e);
            EpochMetrics b = actual.result().epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), context + ": epoch " + e);
            assertEquals(a.testLoss(), b.testLoss(), context + ": epoch " + e);
            assertEquals(a.testAccuracy(), b.testAccuracy(), context + ": epoch " + e);
            assertArrayEquals(a.alignmentMean(), b.alignmentMean(), context + ": epoch " + e);
        }
    }

    @Test
    void aCrashAtAnyPointOfASaveResumesToTheUninterruptedResult() throws IOException {
        FaultyFiles counting = new FaultyFiles(dir.resolve("straight"), -1);
        Outcome straight = finish(new ResultStore(counting), Progress.SILENT);
        List<String> points = new ArrayList<>(counting.points);
        assertTrue(points.size() >= 20, "every write and delete of 3 epochs' saves: " + points);

        for (int n = 0; n < points.size(); n++) {
            Path root = dir.resolve("crash-" + n);
            ResultStore crashing = new ResultStore(new FaultyFiles(root, n));
            assertThrows(
                    FaultyFiles.Crash.class,
                    () -> new Experiment(crashing, Progress.SILENT)
                            .keepingWeights()
                            .run(MnistRuns.TINY));

            ResultStore store = new ResultStore(root);
            int[] resumedAt = {-1};
            Outcome resumed = finish(store, new Progress() {
                @Override
                public void started(RunSpec spec, int firstEpoch, String path) {
                    resumedAt[0] = firstEpoch;
                }

                @Override
                public void note(RunSpec spec, String message) {
                    throw new AssertionError("a crash must not leave a broken run: " + message);
                }
            });
            String context = "crash " + points.get(n);
            assertSameRun(straight, resumed, context);
            if (resumedAt[0] >= 0) {
                assertEquals(List.of(), leftovers(root), context + ": temporary and stale files cleaned up");
            } else { // finished before the crash: reused; the last checkpoint's files may remain, named by nothing
                assertTrue(points.get(n).contains("run.json") || points.get(n).contains("deleting"), context);
                assertTrue(
                        leftovers(root).stream().allMatch(f -> f.endsWith("-e0002.bin")),
                        leftovers(root).toString());
            }
        }
    }

    @Test
    void aMissingOrDamagedCheckpointIsNamedAndTheRunRestartsCleanly() throws IOException {
        Outcome straight = finish(new ResultStore(dir.resolve("straight")), Progress.SILENT);
        for (String damage : List.of("missing params", "damaged updater", "unreadable run.json")) {
            Path root = dir.resolve(damage.replace(' ', '-'));
            assertThrows(
                    FaultyFiles.Crash.class,
                    () -> new Experiment(new ResultStore(root), new Progress() {
                                @Override
                                public void epoch(RunSpec spec, EpochMetrics m) {
                                    if (m.epoch() == 1) {
                                        throw new FaultyFiles.Crash("after epoch 2");
                                    }
                                }
                            })
                            .keepingWeights()
                            .run(MnistRuns.TINY));
            Path folder = runFolder(root);
            switch (damage) {
                case "missing params" -> Files.delete(folder.resolve("params-e0002.bin"));
                case "damaged updater" -> {
                    byte[] bytes = Files.readAllBytes(folder.resolve("updater-e0002.bin"));
                    bytes[bytes.length - 5] ^= 1;
                    Files.write(folder.resolve("updater-e0002.bin"), bytes);
                }
                default -> Files.writeString(folder.resolve("run.json"), "{\"format\": 1, \"res");
            }
            List<String> notes = new ArrayList<>();
            int[] startedAt = {-1};
            Outcome restarted = finish(new ResultStore(root), new Progress() {
                @Override
                public void note(RunSpec spec, String message) {
                    notes.add(message);
                }

                @Override
                public void started(RunSpec spec, int firstEpoch, String path) {
                    startedAt[0] = firstEpoch;
                }
            });
            assertEquals(0, startedAt[0], damage + ": restarted from epoch 1");
            assertSameRun(straight, restarted, damage);
            String expected = switch (damage) {
                case "missing params" -> "params-e0002.bin is missing";
                case "damaged updater" -> "updater-e0002.bin is damaged";
                default -> "run.json is unreadable";
            };
            assertTrue(
                    notes.size() == 1
                            && notes.get(0).contains(expected)
                            && notes.get(0).contains("restarting"),
                    damage + ": " + notes);
            try (Stream<Path> files = Files.list(folder)) {
                assertTrue(
                        files.anyMatch(f -> f.getFileName().toString().startsWith("run.json.broken-")),
                        damage + ": the broken state is kept aside");
            }
        }
    }

    private static Path runFolder(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** Files of the run's folder other than run.json, its lock and the finished run's weights. */
    private static List<String> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.list(runFolder(root))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !List.of("run.json", "lock", "weights.bin").contains(n))
                    .toList();
        }
    }
}
