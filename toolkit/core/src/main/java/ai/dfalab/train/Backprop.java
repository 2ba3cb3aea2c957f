package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Ordinary backpropagation (eq. 2), block after block through DL4J's layer derivatives. */
public final class Backprop implements TrainingRule {

    @Override
    public INDArray computeGradients(BlockNetwork net, INDArray x, INDArray labels) {
        INDArray output = net.forward(x, true);
        backward(net, labels);
        return output;
    }

    /**
     * Backward pass after a training-mode forward pass; returns the BP gradient {@code c_i} at every feedback point
     * (eq. 4), in the point's activation shape.
     */
    public static INDArray[] backward(BlockNetwork net, INDArray labels) {
        int last = net.points();
        INDArray[] c = new INDArray[last];
        INDArray signal = net.backpropOutput(labels);
        for (int block = last; block >= 0; block--) {
            int end = block == last ? net.blockEnd(block) - 1 : net.blockEnd(block);
            if (block > 0) {
                signal = net.backprop(net.blockStart(block), end, signal);
                c[block - 1] = signal;
            } else {
                net.updateGradients(0, end, signal); // nothing needs the gradient at the input
            }
        }
        return c;
    }

    @Override
    public String name() {
        return "bp";
    }
}
