package ai.dfalab.train.engine;

import ai.dfalab.backend.Gemm;
import ai.dfalab.layers.GradientMask;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One parameter tensor of a DL4J layer as the engine updates it: its values and its gradient are views into the
 * network's own parameter and gradient arrays (evaluation, checkpoints and saved weights see them). Gradients are sums
 * over the batch, as DL4J's layers give them. Under plain SGD a step is taken at once, {@code value -= lr / batch g}
 * (DL4J's updater averages over the batch), folded into the product that computes {@code g} where possible; DL4J's
 * running statistics (updater {@code NoOp}) take {@code value -= g}. Under any other updater the gradient stays in the
 * gradient view for DL4J's updater.
 */
final class Param {
    final INDArray value;
    final INDArray gradient;
    private final IUpdater updater;
    /** A fixed mask multiplying the gradient (figure 4's bottleneck), or null; the one DL4J's layer path draws. */
    private final INDArray mask;

    Param(INDArray value, INDArray gradient, IUpdater updater, GradientMask mask, String maskName) {
        this(value, gradient, updater, mask == null ? null : mask.mask(maskName, gradient.shape()));
    }

    private Param(INDArray value, INDArray gradient, IUpdater updater, INDArray mask) {
        this.value = value;
        this.gradient = gradient;
        this.updater = updater;
        this.mask = mask;
    }

    /** The same parameter seen as a {@code rows x (length / rows)} C-order matrix (a convolution's {@code C_out x K}). */
    Param asMatrix(int rows) {
        long cols = value.length() / rows;
        return new Param(
                value.reshape('c', rows, cols),
                gradient.reshape('c', rows, cols),
                updater,
                mask == null ? null : mask.reshape('c', rows, cols));
    }

    /** {@code lr / batch} for SGD, 1 for running statistics. */
    private double rate(Pass pass) {
        return updater instanceof Sgd s ? s.getLearningRate(pass.iteration, pass.epoch) / pass.batch : 1.0;
    }

    /**
     * The gradient {@code op(a) op(b)} and its step: folded into one product under plain SGD without a mask, so the
     * caller must be done reading the values.
     */
    void productStep(INDArray a, boolean ta, INDArray b, boolean tb, Pass pass) {
        if (pass.sgd && mask == null) {
            Gemm.gemm(a, ta, b, tb, value, -rate(pass), 1.0);
        } else {
            product(a, ta, b, tb);
            step(pass);
        }
    }

    /** The gradient {@code op(a) op(b)} into the gradient view, for {@link #step}. */
    void product(INDArray a, boolean ta, INDArray b, boolean tb) {
        Gemm.gemm(a, ta, b, tb, gradient, 1.0, 0.0);
    }

    /** A vector's gradient into the gradient view, and its step. */
    void vectorStep(double[] g, Pass pass) {
        FloatBuffer to = floats(gradient);
        int at = (int) gradient.offset();
        for (int i = 0; i < g.length; i++) {
            to.put(at + i, (float) g[i]);
        }
        step(pass);
    }

    /** Masks the gradient view and, under plain SGD, steps the values by it (other updaters: DL4J's updater steps). */
    void step(Pass pass) {
        if (mask != null) {
            gradient.muli(mask);
        }
        if (!pass.sgd) {
            return;
        }
        float rate = (float) rate(pass);
        if (sameLayout(value, gradient)) {
            FloatBuffer v = floats(value);
            FloatBuffer g = floats(gradient);
            int vo = (int) value.offset();
            int go = (int) gradient.offset();
            for (int i = 0, n = (int) value.length(); i < n; i++) {
                v.put(vo + i, v.get(vo + i) - rate * g.get(go + i));
            }
        } else {
            value.subi(gradient.mul(rate));
        }
    }

    /** The values as floats (a vector parameter: a bias, batch norm's gamma). */
    float[] values() {
        return value.toFloatVector();
    }

    /** Both contiguous in memory, element {@code i} of one at element {@code i} of the other. */
    private static boolean sameLayout(INDArray a, INDArray b) {
        return a.ordering() == b.ordering()
                && Arrays.equals(a.shape(), b.shape())
                && Shape.hasDefaultStridesForShape(a)
                && Shape.hasDefaultStridesForShape(b);
    }

    private static FloatBuffer floats(INDArray x) {
        return x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
