package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.train.Updater;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A non-finite loss or weight stops a run, which is stored as diverged (not as a number) and reused as such. */
class DivergenceTest {
    private static final RunSpec EXPLODING =
            MnistRuns.SHORT.withUpdater(Updater.SGD).withLearningRate(3e38);

    /** ReLU at SGD-Nesterov rate 1 grows without bound: epoch 1 finishes (loss ~1e37), epoch 2 overflows. */
    private static final RunSpec OVERFLOWS_IN_EPOCH_2 =
            MnistRuns.SHORT.withModel(m -> m.withActivation("relu")).withLearningRate(1);

    @TempDir
    Path dir;

    @BeforeEach
    void needsMnist() {
        MnistRuns.requireMnist();
    }

    @Test
    void aDivergenceSaysWhatTheStepsBeforeItDid() {
        assertEquals("", Experiment.stepsBefore(0, 0, 0, Double.NaN, 128), "nothing before the epoch's first step");
        assertEquals(
                " (the epoch's 2 steps before it: mean loss 2.000, training accuracy 25.0 %; last loss 1.500)",
                Experiment.stepsBefore(2, 2 * 128 * 2.0, 64, 1.5, 128));
        assertEquals(
                " (the epoch's 176 steps before it: mean loss 2.019e+16, training accuracy 11.5 %; last loss 3.554e+18)",
                Experiment.stepsBefore(176, 176 * 128 * 2.0194e16, 2591, 3.554e18, 128),
                "an overflowing loss in a few digits");
    }

    @Test
    void aNonFiniteLossStopsTheRunWhichIsStoredAndReusedAsDiverged() {
        ResultStore store = new ResultStore(dir);
        AtomicReference<RunResult> told = new AtomicReference<>();
        RunResult r = new Experiment(store, new Progress() {
                    @Override
                    public void diverged(RunResult result) {
                        told.set(result);
                    }
                })
                .run(EXPLODING);
        assertTrue(r.diverged(), r.describe());
        assertEquals(r, told.get());
        assertEquals(1, r.divergence().epoch());
        assertTrue(r.divergence().step() >= 2 && r.divergence().step() <= 4, r.describe());
        assertTrue(r.divergence().cause().startsWith("training loss "), r.describe());
        assertTrue(
                r.divergence()
                        .cause()
                        .matches(
                                ".* \\(the epoch's " + (r.divergence().step() - 1)
                                        + " steps before it: mean loss [0-9.e+]+, training accuracy \\d+\\.\\d %; last loss [0-9.e+]+\\)"),
                r.describe());
        assertTrue(r.describe().startsWith("diverged at epoch 1 (step "), r.describe());
        assertTrue(Double.isNaN(r.testAccuracy()), "no accuracy for a diverged run");
        assertTrue(r.epochs().isEmpty());

        AtomicReference<RunResult> reused = new AtomicReference<>();
        RunResult again = new Experiment(store, new Progress() {
                    @Override
                    public void reused(RunResult result) {
                        reused.set(result);
                    }

                    @Override
                    public void started(RunSpec spec, int firstEpoch, String path) {
                        throw new AssertionError("a diverged run is a result: not trained again");
                    }
                })
                .run(EXPLODING);
        assertEquals(r.divergence(), again.divergence());
        assertEquals(r.divergence(), reused.get().divergence());
    }

    @Test
    void aNonFiniteWeightAtTheEndOfAnEpochStopsTheRunBeforeItsCheckpoint() {
        // one step of 256 per epoch: its loss comes from the initial weights (finite), its update (DFA's signal summed
        // over the batch) overflows weights to infinity; only the check at the epoch's end sees it, before a checkpoint
        RunSpec spec = MnistRuns.SHORT.withUpdater(Updater.SGD).withBatch(256).withLearningRate(3e38);
        ResultStore store = new ResultStore(dir);
        RunResult r = new Experiment(store, Progress.SILENT).run(spec);
        assertTrue(r.diverged(), r.describe());
        assertEquals(1, r.divergence().epoch(), r.describe());
        assertEquals(1, r.divergence().step(), r.describe());
        assertTrue(r.divergence().cause().endsWith(" non-finite weights"), r.describe());
        assertTrue(new Experiment(store, Progress.SILENT)
                .stored(spec)
                .orElseThrow()
                .diverged());
    }

    @Test
    void aDivergedRunKeepsTheNetworkOfItsLastFiniteEpochForThoseWhoAskForIt() {
        RunSpec spec = OVERFLOWS_IN_EPOCH_2;
        Experiment keeping = new Experiment(new ResultStore(dir), Progress.SILENT).keepingWeights();
        RunResult r = keeping.run(spec);
        assertTrue(r.diverged() && r.divergence().epoch() >= 2, "the rate must let an epoch finish: " + r.describe());
        int finite = r.divergence().epoch() - 1;
        assertEquals(finite, r.epochs().size());

        INDArray last = keeping.lastFinite(spec).net().params();
        assertTrue(
                Double.isFinite(last.sumNumber().doubleValue())
                        && Double.isFinite(last.norm2Number().doubleValue()),
                "no weight of the network shown is NaN or infinite");
        INDArray sameEpochs = new Experiment(new ResultStore(dir.resolve("shorter")), Progress.SILENT)
                .trained(spec.withEpochs(finite))
                .net()
                .params();
        assertEquals(sameEpochs, last, "the network at the end of epoch " + finite + ", as a run of that length ends");

        String noTrained = assertThrows(IllegalStateException.class, () -> keeping.trained(spec))
                .getMessage();
        assertTrue(noTrained.endsWith(": no trained network"), noTrained);
        String noEpoch = assertThrows(IllegalStateException.class, () -> keeping.lastFinite(EXPLODING))
                .getMessage();
        assertTrue(noEpoch.contains("diverged at epoch 1") && noEpoch.endsWith("no finite network"), noEpoch);
    }

    @Test
    void aDivergedRunStoredWithoutWeightsSaysHowToGetThem() {
        RunSpec spec = OVERFLOWS_IN_EPOCH_2;
        assertTrue(
                new Experiment(new ResultStore(dir), Progress.SILENT).run(spec).diverged());
        String message = assertThrows(
                        IllegalStateException.class,
                        () -> new Experiment(new ResultStore(dir), Progress.SILENT).lastFinite(spec))
                .getMessage();
        assertTrue(
                message.contains(" diverged without its weights stored: delete ")
                        && message.endsWith(" to train it again"),
                message);
    }

    @Test
    void aSweepGoesOnPastADivergedRun() {
        List<RunResult> results = Sweep.run(
                new Experiment(new ResultStore(dir), Progress.SILENT),
                List.of(EXPLODING, MnistRuns.SHORT.withEpochs(1)),
                2);
        assertTrue(results.get(0).diverged());
        assertTrue(results.get(1).finished());
        assertTrue(
                Double.isFinite(results.get(1).testAccuracy()),
                "the other run has its accuracy: " + results.get(1).testAccuracy());
    }
}
