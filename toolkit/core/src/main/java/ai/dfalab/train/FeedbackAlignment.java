package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feedback Alignment (Lillicrap et al. 2016): backpropagation in which the signal passed from layer {@code l} to the
 * layer below travels through a fixed random matrix {@code R_l} instead of {@code W_l^T}:
 * {@code c_{l-1} = R_l delta_l}. Every layer still learns with its own local derivatives. For dense stacks (dense
 * layers and a softmax output).
 */
public final class FeedbackAlignment extends Backprop {
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
        List<INDArray> matrices = new ArrayList<>();
        for (int l = 0; l < net.net().getnLayers(); l++) {
            INDArray w = net.net().getLayer(l).getParam("W");
            if (w == null || w.rank() != 2) {
                throw new IllegalArgumentException("feedback alignment here takes dense layers; layer " + l + " is "
                        + net.net().getLayer(l).getClass().getSimpleName());
            }
            long[] shape = w.shape();
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

    /** FA: {@code R_l} in place of {@code W_l}. */
    @Override
    public INDArray weights(int layer, INDArray w) {
        return feedback.get(layer);
    }

    @Override
    public void check(BlockNetwork net) {
        if (feedback.size() != net.net().getnLayers()) {
            throw new IllegalArgumentException(
                    feedback.size() + " feedback matrices for " + net.net().getnLayers() + " layers");
        }
    }

    /**
     * The FA signal {@code c_l} at every feedback point after a training-mode forward pass of DL4J's layers (which
     * gave {@code output}); weight gradients land in the gradient view.
     */
    public INDArray[] signals(BlockNetwork net, INDArray output, INDArray labels) {
        return Learner.signals(LayerPasses.afterForward(net, output, labels), this);
    }

    @Override
    public String name() {
        return "fa";
    }
}
