package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feedback Alignment (Lillicrap et al. 2016): backpropagation in which the signal passed from layer {@code l} to the
 * layer below travels through a fixed random matrix {@code R_l} instead of {@code W_l^T}:
 * {@code c_{l-1} = R_l delta_l}. Every layer still learns with its own local derivatives. For plain dense stacks
 * (dense layers and a softmax output); the signal reaches every hidden layer, feedback points or not.
 */
public final class FeedbackAlignment implements TrainingRule {
    private final List<INDArray> feedback;

    /** Fixed matrices shaped like each layer's DL4J weights ({@code nIn x nOut}), entries {@code N(0, 1/nIn)}, from a seed. */
    public FeedbackAlignment(BlockNetwork net, long seed) {
        this(draw(net, seed));
    }

    /** Given matrices, one per layer, shaped like its DL4J weights ({@code nIn x nOut}); the first is never used. */
    public FeedbackAlignment(List<INDArray> feedback) {
        this.feedback = List.copyOf(feedback);
    }

    private static List<INDArray> draw(BlockNetwork net, long seed) {
        checkDense(net); // before drawing: a convolution's 4-D weights would fail with a shape error, not this one
        List<INDArray> matrices = new ArrayList<>();
        for (int l = 0; l < net.net().getnLayers(); l++) {
            long[] shape = net.net().getLayer(l).getParam("W").shape();
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + l);
            float[] values = new float[(int) (shape[0] * shape[1])];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() / Math.sqrt(shape[0]));
            }
            matrices.add(
                    Nd4j.create(values, shape, 'c').castTo(net.net().params().dataType()));
        }
        return matrices;
    }

    @Override
    public INDArray computeGradients(BlockNetwork net, INDArray x, INDArray labels) {
        INDArray output = net.forward(x, true);
        signals(net, output, labels);
        return output;
    }

    /**
     * The backward pass after a training-mode forward pass: weight gradients into the gradient view, and the FA
     * signal {@code c_l} at the output of every hidden layer (index {@code l}), returned.
     */
    public INDArray[] signals(BlockNetwork net, INDArray output, INDArray labels) {
        int last = net.net().getnLayers() - 1;
        checkDense(net);
        INDArray[] c = new INDArray[last];
        INDArray delta = output.sub(labels); // softmax + cross-entropy: dL/da_N
        net.backpropOutput(labels);
        for (int l = last; l > 0; l--) {
            c[l - 1] = delta.mmul(feedback.get(l).transpose()); // FA: R_l in place of W_l^T
            Layer below = net.net().getLayer(l - 1);
            net.backprop(l - 1, l - 1, c[l - 1]);
            INDArray z = below.input().mmul(below.getParam("W")).addiRowVector(below.getParam("b"));
            delta = ((BaseLayer) below.conf().getLayer())
                    .getActivationFn()
                    .backprop(z, c[l - 1].dup())
                    .getFirst();
        }
        return c;
    }

    private static void checkDense(BlockNetwork net) {
        for (int l = 0; l < net.net().getnLayers() - 1; l++) {
            if (!(net.net().getLayer(l) instanceof DenseLayer)
                    || net.net().getLayer(l).getParam("b") == null) {
                throw new IllegalArgumentException(
                        "feedback alignment here takes plain dense layers with biases; layer " + l + " is "
                                + net.net().getLayer(l).getClass().getSimpleName());
            }
        }
    }

    @Override
    public String name() {
        return "fa";
    }
}
