package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How a batch's weight gradients are obtained; they land in the network's DL4J gradient view. */
public interface TrainingRule {

    /**
     * Forward pass in training mode, then the rule's backward pass. Gradients are sums over the batch as DL4J
     * expects them (its updater divides by the batch size). Returns the network's softmax output.
     */
    INDArray computeGradients(BlockNetwork net, INDArray x, INDArray labels);

    /** Short name for tables and logs. */
    String name();
}
