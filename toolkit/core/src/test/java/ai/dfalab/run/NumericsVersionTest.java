package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.fail;

import ai.dfalab.data.DatasetName;
import ai.dfalab.train.Rule;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the numbers of two short real runs (MNIST, seed 0, 4 steps of 64): DFA under plain SGD, and BP with momentum
 * and dropout. Both run on the training engine; pinned when the first ran on the former dense fast path and the second
 * through DL4J's layers, and the engine gives them to the tolerance below. Stored runs are reused by {@link Numerics#VERSION}: when a change moves
 * these numbers, the version must move with it, or old results would be shown as the new code's.
 */
class NumericsVersionTest {
    /** Relative tolerance of the losses: BLAS kernels and thread counts round differently from machine to machine. */
    private static final double LOSS_TOLERANCE = 1e-4;
    /** One test sample of 500 may flip on such rounding. */
    private static final double ACCURACY_TOLERANCE = 1.0 / 500 + 1e-9;

    @TempDir
    Path dir;

    @BeforeEach
    void needsMnist() {
        MnistRuns.requireMnist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,                  numerics, train loss,  test loss,   test accuracy
        "dfa-sgd,                 1,        2.614144708, 2.601837056, 0.0760",
        "bp-momentum-dropout,     1,        2.420544410, 2.346858517, 0.1700"
    })
    void aShortRunGivesThePinnedNumbers(
            String name, int numerics, double trainLoss, double testLoss, double testAccuracy) {
        RunSpec spec = RunSpec.paper()
                .withDataset(DatasetName.MNIST)
                .withLearningRate(1e-3)
                .withBatch(64)
                .withTrainLimit(256)
                .withTestLimit(500)
                .withEpochs(1);
        if (name.startsWith("bp")) {
            spec = MnistRuns.SHORT.withRule(Rule.BP).withTestLimit(500).withEpochs(1);
        }
        EpochMetrics m =
                new Experiment(new ResultStore(dir), Progress.SILENT).run(spec).last();
        boolean same = numerics == Numerics.VERSION
                && close(trainLoss, m.trainLoss())
                && close(testLoss, m.testLoss())
                && Math.abs(testAccuracy - m.testAccuracy()) <= ACCURACY_TOLERANCE;
        if (!same) {
            fail(String.format(
                    Locale.ROOT,
                    "the numbers of run '%s' moved: pinned %s, now %.9f, %.9f, %.4f (train loss, test loss, test"
                            + " accuracy; numerics %d). If this change is meant to alter results, bump"
                            + " Numerics.VERSION (stored runs of the old numerics are then recomputed beside them)"
                            + " and pin the new values here, with that version: \"%s, %d, %.9f, %.9f, %.4f\"",
                    name,
                    numerics + ": " + trainLoss + ", " + testLoss + ", " + testAccuracy,
                    m.trainLoss(),
                    m.testLoss(),
                    m.testAccuracy(),
                    Numerics.VERSION,
                    name,
                    Numerics.VERSION,
                    m.trainLoss(),
                    m.testLoss(),
                    m.testAccuracy()));
        }
    }

    private static boolean close(double pinned, double now) {
        return Math.abs(pinned - now) <= LOSS_TOLERANCE * Math.abs(pinned);
    }
}
