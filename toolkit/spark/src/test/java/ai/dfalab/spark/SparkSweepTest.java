package ai.dfalab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.RealData;
import ai.dfalab.run.BrokenRunException;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.Progress;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunKey;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import ai.dfalab.train.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on Spark's {@code local-cluster} master: two real executor JVMs. The results equal the in-process
 * {@link Sweep}'s (the store opened through Hadoop's FileSystem), and a grid whose executor is killed mid-run
 * completes, the killed run resumed (the store a local folder).
 */
class SparkSweepTest {
    /** Small real runs: MNIST, the paper's FC network, batch 128. */
    private static final RunSpec MNIST =
            RunSpec.paper().withDataset(DatasetName.MNIST).withBatch(128);

    @TempDir
    Path dir;

    @BeforeAll
    static void realData() {
        RealData.dir(DatasetName.MNIST);
    }

    private static List<RunSpec> grid(int trainLimit, int epochs) {
        RunSpec s = MNIST.withTrainLimit(trainLimit).withEpochs(epochs);
        return List.of(
                s, s.withSeed(1), s.withRule(Rule.BP), s.withRule(Rule.BP).withSeed(1));
    }

    private List<RunResult> inProcess(List<RunSpec> specs) {
        return Sweep.run(new Experiment(new ResultStore(dir.resolve("in-process")), Progress.SILENT), specs, 2);
    }

    @Test
    void aGridOnTwoExecutorJvmsThroughHadoopsFileSystemEqualsTheInProcessSweep() {
        List<RunSpec> specs = grid(2048, 1);
        List<RunResult> spark;
        try (JavaSparkContext sc = LocalCluster.start(2, 2048)) {
            // file:/// as hdfs:// or s3a:// would be opened: HadoopStoreFiles, on Hadoop's local file system
            StoreLocation store = StoreLocation.viaHadoop(dir.resolve("spark").toUri());
            spark = new SparkSweep(sc, store, DataLocation.root()).run(specs);
        }
        assertSame(inProcess(specs), spark);
        java.io.File[] runs = dir.resolve("spark").toFile().listFiles();
        assertEquals(4, runs.length, "one stored run per spec");
        for (java.io.File run : runs) {
            // LocalStoreFiles would keep its (empty) lock file; a Hadoop lease's file goes with its release
            assertEquals(List.of("run.json"), List.of(run.list()), run.getName());
        }
    }

    @Test
    void aKilledExecutorsRunResumesAndTheGridCompletes() throws Exception {
        List<RunSpec> specs = grid(8192, 4).subList(0, 2);
        Path store = dir.resolve("spark");
        List<RunResult> spark;
        try (JavaSparkContext sc = LocalCluster.start(2, 2048)) {
            Thread killer = new Thread(() -> killAnExecutorOnceEveryRunHasAnEpoch(store, specs));
            killer.start();
            spark = new SparkSweep(sc, StoreLocation.local(store), DataLocation.root()).run(specs);
            killer.join();
        }
        assertSame(inProcess(specs), spark);
        assertTrue(spark.stream().allMatch(RunResult::finished));
        assertTrue(
                executorOutput().anyMatch(line -> line.contains("(resumed at epoch ")),
                "a retried task resumed its run from the store");
    }

    /** Waits until both runs stored an epoch and neither finished, then kills one executor JVM (SIGKILL). */
    private static void killAnExecutorOnceEveryRunHasAnEpoch(Path store, List<RunSpec> specs) {
        ResultStore results = new ResultStore(store);
        Experiment experiment = new Experiment(results, Progress.SILENT);
        List<RunKey> keys = specs.stream().map(experiment::key).toList();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean midway = keys.stream().allMatch(k -> midway(results, k));
            if (midway) {
                List<ProcessHandle> executors = LocalCluster.executors();
                assertFalse(executors.isEmpty(), "executor JVMs are running");
                executors.get(0).destroyForcibly();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        fail("the runs never stood between two epochs");
    }

    /** Whether run {@code key} has stored an epoch and is not over. */
    private static boolean midway(ResultStore results, RunKey key) {
        try {
            return results.load(key)
                    .map(r -> !r.result().done() && !r.result().epochs().isEmpty())
                    .orElse(false);
        } catch (BrokenRunException e) {
            return false; // read while its writer replaced a checkpoint: look again
        }
    }

    /** Every line the executors printed. */
    private static Stream<String> executorOutput() throws IOException {
        try (Stream<Path> files = Files.walk(LocalCluster.home().resolve("work"))) {
            return files
                    .filter(p -> p.getFileName().toString().equals("stdout"))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList()
                    .stream();
        }
    }

    private static void assertSame(List<RunResult> expected, List<RunResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).spec(), actual.get(i).spec());
            List<EpochMetrics> a = expected.get(i).epochs();
            List<EpochMetrics> b = actual.get(i).epochs();
            assertEquals(a.size(), b.size());
            for (int e = 0; e < a.size(); e++) {
                String what = actual.get(i).spec().label() + ", epoch " + (e + 1);
                assertEquals(a.get(e).testAccuracy(), b.get(e).testAccuracy(), what);
                assertEquals(a.get(e).trainAccuracy(), b.get(e).trainAccuracy(), what);
                assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 1e-6, what);
                for (int p = 0; p < a.get(e).alignmentMean().length; p++) {
                    assertEquals(a.get(e).alignmentMean()[p], b.get(e).alignmentMean()[p], 1e-5, what);
                }
            }
        }
    }
}
