package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataCache;
import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.train.PlateauSchedule;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs on real MNIST (skipped when absent): learning, reuse of stored runs, resuming an interrupted run. */
@ExtendWith(MnistRuns.Required.class)
class ExperimentTest {
    private static final RunSpec MNIST = MnistRuns.MNIST;

    @TempDir
    Path results;

    @Test
    void dfaLearnsMnistWithinAFewHundredStepsAndAligns() {
        RunResult r = new Experiment(new ResultStore(results), Progress.SILENT)
                .run(MNIST.withTrainLimit(6400).withEpochs(3));
        // 3 x 100 steps of batch 64
        assertTrue(r.testAccuracy() > 0.7, "test accuracy " + r.testAccuracy() + " (chance: 0.1)");
        for (double a : r.alignment()) {
            assertTrue(a > 0.05, "alignment " + java.util.Arrays.toString(r.alignment()));
        }
        assertTrue(r.epochs().get(0).alignmentMean()[2] < r.last().alignmentMean()[2] + 0.2);
    }

    @Test
    void aFinishedRunIsReusedNotRecomputed() {
        RunSpec spec = MNIST.withTrainLimit(640).withEpochs(1);
        RunResult first = new Experiment(new ResultStore(results), Progress.SILENT).run(spec);
        AtomicBoolean reused = new AtomicBoolean();
        RunResult second = new Experiment(new ResultStore(results), new Progress() {
                    @Override
                    public void reused(RunResult result) {
                        reused.set(true);
                    }

                    @Override
                    public void epoch(RunSpec s, EpochMetrics m) {
                        throw new AssertionError("recomputed a finished run");
                    }
                })
                .run(spec);
        assertTrue(reused.get());
        assertEquals(first.epochs().size(), second.epochs().size());
        assertEquals(first.testAccuracy(), second.testAccuracy());
    }

    @Test
    void anInterruptedRunResumesAtItsLastEpochWithTheSameOutcome() {
        RunSpec spec = MNIST.withTrainLimit(640).withEpochs(3).withModel(m -> m.withDropout(0.1, 0.1));
        RunResult straight = new Experiment(new ResultStore(results.resolve("straight")), Progress.SILENT).run(spec);

        ResultStore store = new ResultStore(results.resolve("interrupted"));
        assertThrows(
                IllegalStateException.class,
                () -> new Experiment(store, new Progress() {
                            @Override
                            public void epoch(RunSpec s, EpochMetrics m) {
                                if (m.epoch() == 1) {
                                    throw new IllegalStateException("interrupted");
                                }
                            }
                        })
                        .run(spec));
        RunResult partial = new Experiment(store, Progress.SILENT).stored(spec).orElseThrow();
        assertFalse(partial.finished());
        assertEquals(2, partial.epochs().size());

        RunResult resumed = new Experiment(store, Progress.SILENT).run(spec);
        assertTrue(resumed.finished());
        assertEquals(3, resumed.epochs().size());
        for (int e = 0; e < 3; e++) {
            assertEquals(
                    straight.epochs().get(e).testAccuracy(),
                    resumed.epochs().get(e).testAccuracy(),
                    "epoch " + e);
            assertArrayEquals(
                    straight.epochs().get(e).alignmentMean(),
                    resumed.epochs().get(e).alignmentMean(),
                    1e-6);
        }
    }

    @Test
    void thePlateauScheduleCutsTheRateAndAResumedRunReplaysIt() {
        int epochs = 6;
        // a rate too high for DFA's SUM signal: the test loss stalls (420, 324, 319, 371, 438, ...), so patience 1
        // cuts it
        RunSpec spec = MNIST.withTrainLimit(640)
                .withTestLimit(1000)
                .withEpochs(epochs)
                .withLearningRate(1.0)
                .withPlateauPatience(1);
        RunResult straight = new Experiment(new ResultStore(results.resolve("straight")), Progress.SILENT).run(spec);
        double[] losses = straight.series(EpochMetrics::testLoss);
        for (int e = 0; e < epochs; e++) {
            assertEquals(
                    PlateauSchedule.rate(1.0, 1, java.util.Arrays.copyOf(losses, e)),
                    straight.epochs().get(e).learningRate(),
                    1e-9,
                    "epoch " + e + " of losses " + java.util.Arrays.toString(losses));
        }
        assertTrue(
                straight.last().learningRate() < 1.0, "no cut happened: losses " + java.util.Arrays.toString(losses));

        ResultStore store = new ResultStore(results.resolve("interrupted"));
        int stopAt = straight.epochs().stream()
                .filter(m -> m.learningRate() < 1.0)
                .findFirst()
                .orElseThrow()
                .epoch();
        assertThrows(
                IllegalStateException.class,
                () -> new Experiment(store, new Progress() {
                            @Override
                            public void epoch(RunSpec s, EpochMetrics m) {
                                if (m.epoch() == stopAt - 1) {
                                    throw new IllegalStateException("interrupted before the cut");
                                }
                            }
                        })
                        .run(spec));
        RunResult resumed = new Experiment(store, Progress.SILENT).run(spec);
        // the rate is replayed from the stored losses (at 1.0 the run is chaotic, so its losses are not compared:
        // BLAS rounding differences grow; the stalls are far larger than those)
        for (int e = 0; e < epochs; e++) {
            assertEquals(
                    straight.epochs().get(e).learningRate(),
                    resumed.epochs().get(e).learningRate(),
                    "epoch " + e);
        }
    }

    @Test
    void trainedGivesTheFinishedRunsNetworkWithItsFinalWeights() {
        RunSpec spec = MNIST.withTrainLimit(640).withTestLimit(500).withEpochs(1);
        ResultStore store = new ResultStore(results);
        ai.dfalab.models.BlockNetwork net = new Experiment(store, Progress.SILENT).trained(spec);
        RunResult r = new Experiment(store, Progress.SILENT).stored(spec).orElseThrow();
        assertTrue(r.finished());
        double accuracy = Evaluator.accuracy(
                Evaluator.correct(
                        net,
                        DataCache.get(DatasetName.MNIST, ai.dfalab.data.Split.TEST)
                                .first(500)),
                0,
                500);
        assertEquals(r.testAccuracy(), accuracy, 1e-9);
        assertTrue(
                !spec.network(DataLocation.root())
                        .net()
                        .params()
                        .equals(net.net().params()),
                "trained weights, not the initial ones");

        RunSpec other = spec.withSeed(1);
        new Experiment(store, Progress.SILENT).run(other);
        assertTrue(assertThrows(
                        IllegalStateException.class, () -> new Experiment(store, Progress.SILENT).trained(other))
                .getMessage()
                .contains("without its weights"));
    }
}
