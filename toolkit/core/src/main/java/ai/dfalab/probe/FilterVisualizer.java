package ai.dfalab.probe;

import ai.dfalab.models.BlockNetwork;
import ai.dfalab.report.ImageShape;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Figure 3: for each filter of a convolution, the input image that maximises the filter's mean activation, found
 * by gradient ascent on the input from a small random image (normalised steps, optional L2 decay; the paper used no
 * regulariser). All filters are optimised at once, one image each, in one batch. Leaves the network's weights and
 * gradients as it found them.
 */
public final class FilterVisualizer {
    /** Ascent settings: steps, step size (per step, on the RMS-normalised gradient), L2 decay per step, seed. */
    public record Settings(int steps, double stepSize, double l2, long seed) {
        public Settings {
            if (steps < 0 || !(stepSize > 0) || !(l2 >= 0 && l2 < 1)) {
                throw new IllegalArgumentException("need steps >= 0, stepSize > 0 and l2 in [0, 1); got steps=" + steps
                        + " stepSize=" + stepSize + " l2=" + l2);
            }
        }

        /** 40 steps of 1.0 from N(0, 0.1^2) noise, no regulariser (as the paper). */
        public static Settings paper() {
            return new Settings(40, 1.0, 0, 0);
        }
    }

    private FilterVisualizer() {}

    /**
     * One image per filter of DL4J layer {@code layer} (a convolution), as rows of network inputs of {@link
     * #inputShape}: row {@code f} maximises filter {@code f}.
     */
    public static INDArray maximise(BlockNetwork net, int layer, Settings settings) {
        int filters = filters(net, layer);
        Nd4j.getRandom().setSeed(settings.seed());
        INDArray x =
                Nd4j.randn(DataType.FLOAT, filters, inputShape(net).values()).muli(0.1);
        INDArray saved = net.net().getGradientsViewArray().dup();
        try {
            for (int s = 0; s < settings.steps(); s++) {
                INDArray g = ascentGradient(net, layer, x);
                double rms = Math.sqrt(g.mul(g).meanNumber().doubleValue()) + 1e-8;
                x.muli(1 - settings.l2()).addi(g.muli(settings.stepSize() / rms));
            }
        } finally {
            net.net().getGradientsViewArray().assign(saved);
        }
        return x;
    }

    /** Mean activation of filter {@code f} on image {@code f} (row {@code f} of {@code x}), for every filter. */
    public static double[] meanActivations(BlockNetwork net, int layer, INDArray x) {
        INDArray a = net.forwardTo(layer, x, false);
        double[] means = new double[(int) a.size(0)];
        for (int f = 0; f < means.length; f++) {
            means[f] = a.get(NDArrayIndex.point(f), NDArrayIndex.point(f))
                    .meanNumber()
                    .doubleValue();
        }
        return means;
    }

    /** Gradient of each filter's mean activation with respect to its own image. */
    private static INDArray ascentGradient(BlockNetwork net, int layer, INDArray x) {
        INDArray a = net.forwardTo(layer, x, true); // training mode: the layers keep their inputs for backprop
        INDArray signal = Nd4j.zeros(a.dataType(), a.shape());
        double perPixel = 1.0 / (a.size(2) * a.size(3));
        for (int f = 0; f < a.size(0); f++) {
            signal.get(NDArrayIndex.point(f), NDArrayIndex.point(f)).assign(perPixel);
        }
        return net.backprop(0, layer, signal).reshape(x.shape());
    }

    /**
     * Shape of the images {@code net} takes as flat rows: what its first layer unflattens them to (DL4J's {@code
     * InputType.convolutionalFlat}, as every image network of the toolkit is built).
     */
    public static ImageShape inputShape(BlockNetwork net) {
        InputPreProcessor first = net.net().getLayerWiseConfigurations().getInputPreProcess(0);
        if (!(first instanceof FeedForwardToCnnPreProcessor image)) {
            throw new IllegalArgumentException("net: its first layer does not take flat images (no"
                    + " InputType.convolutionalFlat; input preprocessor " + first + "), so it has no image shape");
        }
        return new ImageShape((int) image.getNumChannels(), (int) image.getInputHeight(), (int) image.getInputWidth());
    }

    private static int filters(BlockNetwork net, int layer) {
        MultiLayerNetwork m = net.net();
        INDArray w = m.getLayer(layer).getParam("W");
        if (w == null || w.rank() != 4) {
            throw new IllegalArgumentException("layer " + layer + " is not a convolution (weights "
                    + (w == null ? "none" : w.shapeInfoToString()) + ")");
        }
        return (int) w.size(0);
    }
}
