package ai.dfalab.train.engine;

import ai.dfalab.layers.ActivationAbs;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A hidden activation as the engine computes it: tanh, {@code |x|}, or the piecewise-linear family
 * {@code f(a) = a > 0 ? a : slope a} (identity: slope 1, ReLU: 0, leaky ReLU: any slope).
 */
record Pointwise(Kind kind, float slope) {
    enum Kind {
        IDENTITY,
        TANH,
        PIECEWISE,
        ABS
    }

    static final Pointwise IDENTITY = new Pointwise(Kind.IDENTITY, 1);

    /** The engine's form of a DL4J activation, or null when it has none. */
    static Pointwise of(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (a instanceof ActivationTanH) {
            return new Pointwise(Kind.TANH, 0);
        }
        if (a instanceof ActivationReLU r) {
            return r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null
                    ? new Pointwise(Kind.PIECEWISE, 0)
                    : null;
        }
        if (a instanceof ActivationLReLU l) {
            return new Pointwise(Kind.PIECEWISE, (float) l.getAlpha());
        }
        if (a instanceof ActivationAbs) {
            return new Pointwise(Kind.ABS, 0);
        }
        return null;
    }

    /**
     * Whether the derivative follows from the output {@code h = f(a)}: tanh ({@code 1 - h^2}) and the piecewise-linear
     * ones with a slope {@code >= 0} ({@code h > 0} exactly when {@code a > 0}); {@code |x|} and negative slopes need
     * the pre-activation kept.
     */
    boolean fromOutput() {
        return kind == Kind.IDENTITY || kind == Kind.TANH || (kind == Kind.PIECEWISE && slope >= 0);
    }
}
