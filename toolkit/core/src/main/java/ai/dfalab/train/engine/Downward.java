package ai.dfalab.train.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How a weight layer passes its signal to the layer below: through its own weights (BP), or a fixed stand-in (FA). */
@FunctionalInterface
public interface Downward {
    /** Through the layer's own weights {@code W}. */
    Downward OWN = (layer, w) -> w;

    /** The matrix in place of {@code w}, DL4J layer {@code layer}'s weights, shaped as they are. */
    INDArray weights(int layer, INDArray w);
}
