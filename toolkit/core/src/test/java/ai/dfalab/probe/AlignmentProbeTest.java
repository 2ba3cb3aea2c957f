package ai.dfalab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.PerLayerFeedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AlignmentProbeTest {
    private static final FcSpec SMALL = FcSpec.fc3x800Cifar10()
            .withInputs(40)
            .withHidden(List.of(64, 48, 32))
            .withSeed(1);

    private static INDArray inputs(int n) {
        Nd4j.getRandom().setSeed(9);
        return Nd4j.randn(DataType.FLOAT, n, 40);
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 3) % 10, 1);
        }
        return y;
    }

    @Test
    void alignmentIsOneWhenTheLastFeedbackIsTheTransposedOutputWeights() {
        BlockNetwork net = FcNetworks.build(SMALL);
        INDArray wOut = net.net().getLayer(net.net().getnLayers() - 1).getParam("W"); // DL4J: l x e, i.e. (W_N)^T
        Feedback random = FeedbackKind.PER_LAYER.create(net.pointSizes(), 10, 4);
        Feedback feedback = new PerLayerFeedback(List.of(random.matrix(0), random.matrix(1), wOut));
        Alignment a = AlignmentProbe.measure(net, feedback, inputs(128), labels(128));
        PointAlignment last = a.points().get(2);
        assertEquals(1.0, last.mean(), 1e-5);
        for (double c : last.perSample()) {
            assertEquals(1.0, c, 1e-5);
        }
    }

    @Test
    void aRandomSignalHasMeanNearZero() {
        BlockNetwork net = FcNetworks.build(SMALL.withHidden(List.of(800, 800, 800)));
        Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 12);
        Alignment a = AlignmentProbe.measure(net, feedback, inputs(1000), labels(1000));
        for (PointAlignment p : a.points()) {
            assertEquals(0, p.mean(), 0.1, "point " + p.point());
            assertTrue(p.std() > 0.005, "per-sample cosines vary");
        }
        assertEquals(3, a.table().rowCount());
    }

    @Test
    void measuringChangesNeitherTheStateNorTheNextUpdate() {
        FcSpec spec = SMALL.withBatchNorm(true).withDropout(0.1, 0.1);
        INDArray x = inputs(32);
        INDArray y = labels(32);
        INDArray[] after = new INDArray[2];
        for (int probe = 0; probe < 2; probe++) {
            BlockNetwork net = FcNetworks.build(spec);
            Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 2);
            Learner learner = new Learner(net, new DirectFeedbackAlignment(feedback, SignalScale.SUM));
            Nd4j.getRandom().setSeed(77);
            learner.step(x, y);
            if (probe == 1) {
                INDArray before = net.net().params().dup();
                AlignmentProbe.measure(net, feedback, x, y);
                assertEquals(before, net.net().params());
            }
            learner.step(x, y);
            after[probe] = net.net().params().dup();
        }
        assertEquals(after[0], after[1]);
    }
}
