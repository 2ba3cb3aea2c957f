package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ordinary backpropagation (eq. 2): each feedback point receives the gradient the block above passes down (through
 * the layers' own weights here; through fixed random ones in {@link FeedbackAlignment}).
 */
public class Backprop implements TrainingRule {

    @Override
    public INDArray signal(int point, INDArray e, INDArray passedDown, INDArray out) {
        return passedDown;
    }

    @Override
    public boolean passesDown() {
        return true;
    }

    /**
     * The BP gradient {@code c_i} at every feedback point (eq. 4), in the point's activation shape, through DL4J's
     * layers after their training-mode forward pass (for alignment probes); gradients land in the gradient view.
     */
    public static INDArray[] backward(BlockNetwork net, INDArray labels) {
        return Learner.signals(LayerPasses.afterForward(net, null, labels), new Backprop());
    }

    @Override
    public String name() {
        return "bp";
    }
}
