package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The plateau rule on loss sequences, and that DL4J's updater (both step paths) really trains at the new rate. */
class PlateauScheduleTest {

    private static double rateAfter(double... losses) {
        return PlateauSchedule.rate(1e-2, 5, losses);
    }

    @Test
    void cutsByTenOnlyAfterMoreThanPatienceEpochsWithoutImprovement() {
        assertEquals(1e-2, rateAfter());
        assertEquals(1e-2, rateAfter(3, 2, 2.5, 2.5, 2.5, 2.5, 2.5), "5 stalled epochs: not more than 5");
        assertEquals(
                1e-3,
                rateAfter(3, 2, 2.5, 2.5, 2.5, 2.5, 2.5, 2.0),
                1e-15,
                "6th stall (an equal loss does not improve)");
        assertEquals(1e-2, rateAfter(3, 2, 2.5, 2.5, 2.5, 2.5, 2.5, 1.9), "improved on the 6th epoch");
        double[] twice = {3, 2, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.4, 2.4, 2.4, 2.4, 2.4, 2.4};
        assertEquals(
                1e-3, PlateauSchedule.rate(1e-2, 5, Arrays.copyOf(twice, 13)), 1e-15, "the count restarts after a cut");
        assertEquals(1e-4, PlateauSchedule.rate(1e-2, 5, twice), 1e-15, "and cuts again: best is still 2");
        assertEquals(1e-2, PlateauSchedule.rate(1e-2, 0, twice), "patience 0: constant");
        assertEquals(1e-3, PlateauSchedule.rate(1e-2, 1, new double[] {1, 1, 1}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> PlateauSchedule.rate(1e-2, -1, twice));
    }

    @Test
    void settingTheNetworksRateScalesTheUpdateOnBothStepPaths() {
        for (boolean fast : new boolean[] {true, false}) {
            double full = paramChange(fast, false);
            double cut = paramChange(fast, true);
            assertEquals(10, full / cut, 1e-3, (fast ? "engine" : "layers") + ": update " + full + " vs " + cut);
        }
    }

    /** Norm of the parameter change of one DFA step, at lr 0.1 or after {@code setLearningRate(0.01)}. */
    private static double paramChange(boolean fast, boolean cut) {
        FcSpec spec = FcSpec.fc3x800Cifar10()
                .withInputs(20)
                .withHidden(List.of(16, 16))
                .withUpdater(new Sgd(0.1))
                .withSeed(2);
        BlockNetwork net = FcNetworks.build(spec);
        DirectFeedbackAlignment dfa =
                new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 0), SignalScale.SUM);
        Learner learner = fast ? new Learner(net, dfa) : Learner.throughLayers(net, dfa);
        assertEquals(fast, learner.onEngine());
        if (cut) {
            net.net().setLearningRate(0.01);
        }
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 20);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int n = 0; n < 8; n++) {
            y.putScalar(n, n, 1);
        }
        INDArray before = net.net().params().dup();
        learner.step(x, y);
        double change = net.net().params().sub(before).norm2Number().doubleValue();
        assertTrue(change > 0);
        return change;
    }
}
