package ai.dfalab.train.dense;

import ai.dfalab.layers.ActivationAbs;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A hidden activation the dense engine computes itself: tanh (derivative {@code 1 - h^2} from the output), or the
 * piecewise-linear family {@code f(a) = a > 0 ? a : slope * a} that covers ReLU (0), leaky ReLU (any slope) and
 * {@code |x|} (-1).
 */
record Pointwise(boolean tanh, float slope) {

    /** The engine's form of a DL4J activation, or null when it has none. */
    static Pointwise of(IActivation a) {
        if (a instanceof ActivationTanH) {
            return new Pointwise(true, 0);
        }
        if (a instanceof ActivationReLU) {
            return new Pointwise(false, 0);
        }
        if (a instanceof ActivationLReLU l) {
            return new Pointwise(false, (float) l.getAlpha());
        }
        if (a instanceof ActivationAbs) {
            return new Pointwise(false, -1);
        }
        return null;
    }
}
