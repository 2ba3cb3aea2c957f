package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.models.BlockNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

class FeedbackAlignmentTest {
    private static final INDArray X = TinyNets.inputs(12, DataType.DOUBLE, 6);
    private static final INDArray Y = TinyNets.oneHot(12, DataType.DOUBLE);

    @Test
    void withTheForwardWeightsAsFeedbackItIsBackpropagation() {
        BlockNetwork fa = TinyNets.build("tanh", true, DataType.DOUBLE, new Sgd(0.1), 8);
        List<INDArray> weights = new ArrayList<>();
        for (int l = 0; l < fa.net().getnLayers(); l++) {
            weights.add(fa.net().getLayer(l).getParam("W").dup());
        }
        Learner.gradients(fa, new FeedbackAlignment(weights), X, Y);
        BlockNetwork bp = TinyNets.build("tanh", true, DataType.DOUBLE, new Sgd(0.1), 8);
        Learner.gradients(bp, new Backprop(), X, Y);
        assertEquals(
                0,
                fa.net()
                        .getGradientsViewArray()
                        .sub(bp.net().getGradientsViewArray())
                        .amaxNumber()
                        .doubleValue(),
                1e-12);
    }

    @Test
    void withRandomFeedbackItDiffersFromBackpropAndStillLearns() {
        BlockNetwork net = TinyNets.build("tanh", true, DataType.DOUBLE, new Sgd(0.2), 8);
        FeedbackAlignment rule = new FeedbackAlignment(net, 3);
        INDArray[] c = rule.signals(net, net.forward(X, true), Y);
        INDArray[] bp = Backprop.backward(net, Y);
        assertFalse(c[0].equalsWithEps(bp[0], 1e-6), "random feedback is not W^T");
        Learner learner = new Learner(net, rule);
        assertFalse(learner.onEngine(), "double precision: DL4J's layers");
        double before = loss(learner.step(X, Y));
        INDArray out = null;
        for (int i = 0; i < 300; i++) {
            out = learner.step(X, Y);
        }
        assertTrue(loss(out) < 0.7 * before, "loss " + before + " -> " + loss(out));
    }

    private static double loss(INDArray p) {
        return -Transforms.log(p.mul(Y).sum(1), false).meanNumber().doubleValue();
    }
}
