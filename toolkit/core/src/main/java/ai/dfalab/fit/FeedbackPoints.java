package ai.dfalab.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * Where DFA's feedback enters a DL4J network: a point is the output of a whole hidden block (its weight layer and the
 * activation, batch norm, dropout and pooling after it), so it sits right before a weight layer. By default every
 * hidden block has one, the paper's placement; given points are checked against that rule.
 */
final class FeedbackPoints {
    private FeedbackPoints() {}

    /** One point before every weight layer but the first: the output of every hidden block. */
    static int[] everyBlock(MultiLayerConfiguration conf) {
        checkOutput(conf);
        List<Integer> points = new ArrayList<>();
        boolean seenWeights = false;
        for (int l = 0; l < conf.getConfs().size(); l++) {
            if (weightLayer(conf, l)) {
                if (seenWeights) {
                    points.add(l - 1);
                }
                seenWeights = true;
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the network has no hidden block (one weight layer before its output "
                    + "layer at least): DFA has nowhere to send its feedback");
        }
        return points.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code points} checked: ascending, below the output layer, each at the end of a block. */
    static int[] check(MultiLayerConfiguration conf, int[] points) {
        checkOutput(conf);
        int output = conf.getConfs().size() - 1;
        if (points.length == 0) {
            throw new IllegalArgumentException(
                    "no feedback point given: give at least one, or none to use every block's");
        }
        for (int i = 0; i < points.length; i++) {
            int p = points[i];
            if (p < 0 || p >= output || (i > 0 && p <= points[i - 1])) {
                throw new IllegalArgumentException("feedback points " + Arrays.toString(points)
                        + " must be ascending layer indices below the output layer (" + output + ")");
            }
            Layer next = layer(conf, p + 1);
            if (!weightLayer(conf, p + 1)) {
                throw new IllegalArgumentException("feedback point at layer " + p + " (" + describe(layer(conf, p))
                        + ") is inside its block: layer " + (p + 1) + " (" + describe(next) + ") still transforms its "
                        + "output; put the point at the last layer before the next weight layer");
            }
        }
        return points.clone();
    }

    /**
     * DFA's error {@code e = softmax(a) - y} is the gradient of cross-entropy through a softmax, and only that; and it is
     * one vector per sample, which a recurrent layer (a sequence per sample) has no single place to take.
     */
    private static void checkOutput(MultiLayerConfiguration conf) {
        int output = conf.getConfs().size() - 1;
        for (int l = 0; l < output; l++) {
            if (layer(conf, l) instanceof BaseRecurrentLayer || layer(conf, l) instanceof RecurrentAttentionLayer) {
                throw new IllegalArgumentException("layer " + l + " (" + describe(layer(conf, l)) + ") is recurrent: "
                        + "DFA's feedback here is one error vector per sample, not per time step; recurrent networks "
                        + "are not supported");
            }
        }
        Layer last = layer(conf, output);
        if (!(last instanceof BaseOutputLayer out)) {
            throw new IllegalArgumentException("the last layer (" + output + ", " + describe(last)
                    + ") is not an output layer with a loss: DFA needs the network's error");
        }
        boolean crossEntropy =
                out.getLossFn() instanceof LossMCXENT || out.getLossFn() instanceof LossNegativeLogLikelihood;
        if (!(out.getActivationFn() instanceof ActivationSoftmax) || !crossEntropy) {
            throw new IllegalArgumentException(
                    "the output layer has " + out.getActivationFn() + " and " + out.getLossFn()
                            + ": DFA's error e = softmax(a) - y needs a softmax output layer with cross-entropy (MCXENT)");
        }
    }

    /** A layer with weights that starts a block (dense, convolution, ...); batch norm's scale and shift do not. */
    private static boolean weightLayer(MultiLayerConfiguration conf, int l) {
        Layer layer = layer(conf, l);
        return layer instanceof FeedForwardLayer
                && !(layer instanceof BatchNormalization)
                && layer.initializer().numParams(conf.getConf(l)) > 0;
    }

    private static Layer layer(MultiLayerConfiguration conf, int l) {
        return conf.getConf(l).getLayer();
    }

    private static String describe(Layer layer) {
        String name = layer.getClass().getSimpleName();
        return layer instanceof BaseLayer b && b.getActivationFn() != null ? name + ", " + b.getActivationFn() : name;
    }
}
