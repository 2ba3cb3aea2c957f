package ai.dfalab.probe;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.layers.SeededDropout;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.Backprop;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures DFA alignment (eq. 6): at every feedback point, the per-sample cosine between the DFA signal
 * {@code t_i = B_i e} and the BP gradient {@code c_i} at that point, on the same weights and the same batch
 * (training-mode forward pass, as the authors' code; its dropout masks come from a fixed seed). Leaves the network exactly as it found it: parameters
 * (batch-norm statistics included), gradients and ND4J's and the dropout layers' random states are restored, so the next update is unchanged.
 */
public final class AlignmentProbe {
    private static final long PROBE_SEED = 0x5EED;

    private AlignmentProbe() {}

    public static Alignment measure(BlockNetwork net, Feedback feedback, INDArray x, INDArray labels) {
        MultiLayerNetwork m = net.net();
        INDArray params = m.params().dup();
        INDArray gradients = m.getGradientsViewArray().dup();
        Random random = Nd4j.getRandom();
        long root = random.rootState();
        long node = random.nodeState();
        long[][] dropout = SeededDropout.state(m);
        try {
            random.setSeed(PROBE_SEED); // the probe's random draws: the same whatever came before
            SeededDropout.reseed(m, PROBE_SEED, 0);
            INDArray e = net.forward(x, true).sub(labels);
            INDArray[] c = Backprop.backward(net, labels);
            List<PointAlignment> points = new ArrayList<>();
            for (int i = 0; i < net.points(); i++) {
                INDArray t = feedback.project(i, e);
                points.add(PointAlignment.of(i, net.pointSize(i), rowCosines(t, c[i].reshape('c', c[i].size(0), -1))));
            }
            return new Alignment(points);
        } finally {
            m.params().assign(params);
            m.getGradientsViewArray().assign(gradients);
            random.setStates(root, node);
            SeededDropout.restore(m, dropout);
        }
    }

    /** {@code cos} between row {@code n} of {@code a} and row {@code n} of {@code b}, for every row. */
    public static double[] rowCosines(INDArray a, INDArray b) {
        INDArray dot = a.mul(b).sum(1);
        INDArray norms = a.norm2(1).muli(b.norm2(1));
        double[] cos = new double[(int) a.size(0)];
        for (int n = 0; n < cos.length; n++) {
            double d = norms.getDouble(n);
            cos[n] = d == 0 ? 0 : dot.getDouble(n) / d;
        }
        return cos;
    }
}
