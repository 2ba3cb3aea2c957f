package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.models.BlockNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/** BP mode's gradients equal DL4J's own and pass a numerical gradient check, for every activation. */
class BackpropTest {
    private static final INDArray X = TinyNets.inputs(10, DataType.DOUBLE, 4);
    private static final INDArray Y = TinyNets.oneHot(10, DataType.DOUBLE);

    /** A double-precision tiny net with its BP gradients (summed over the batch) computed by our Backprop. */
    private static BlockNetwork withGradients(String activation) {
        BlockNetwork net = TinyNets.build(activation, true, DataType.DOUBLE, new Sgd(0.1), 3);
        Learner.gradients(net, new Backprop(), X, Y);
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "lrelu:-0.5", "lrelu:0.01", "abs"})
    void gradientsEqualDl4jsOwn(String activation) {
        BlockNetwork net = withGradients(activation);
        INDArray ours = net.net().getGradientsViewArray().dup();

        MultiLayerNetwork m = net.net();
        m.setInput(X);
        m.setLabels(Y);
        m.computeGradientAndScore();
        INDArray theirs = m.gradient().gradient();
        assertEquals(0, ours.sub(theirs.reshape(ours.shape())).amaxNumber().doubleValue(), 1e-12, activation);
        assertTrue(ours.amaxNumber().doubleValue() > 1e-3, "gradients are not trivially zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "relu", "lrelu:-0.5", "lrelu:0.01", "abs"})
    void gradientsPassNumericalCheck(String activation) {
        BlockNetwork net = withGradients(activation);
        INDArray analytic = net.net().getGradientsViewArray().dup();
        INDArray params = net.net().params();
        double h = 1e-6;
        for (int k = 0; k < params.length(); k++) {
            double original = params.getDouble(k);
            params.putScalar(k, original + h);
            double up = summedLoss(net, X, Y);
            params.putScalar(k, original - h);
            double down = summedLoss(net, X, Y);
            params.putScalar(k, original);
            double numeric = (up - down) / (2 * h);
            double a = analytic.getDouble(k);
            assertEquals(numeric, a, 1e-6 + 1e-5 * Math.abs(numeric), activation + " parameter " + k);
        }
    }

    /** Cross-entropy summed over the batch: DL4J's gradients are sums, its updater divides by the batch size. */
    private static double summedLoss(BlockNetwork net, INDArray x, INDArray y) {
        INDArray p = net.forward(x, false);
        double loss = 0;
        for (int n = 0; n < p.size(0); n++) {
            for (int j = 0; j < p.size(1); j++) {
                if (y.getDouble(n, j) == 1) {
                    loss -= Math.log(p.getDouble(n, j));
                }
            }
        }
        return loss;
    }
}
