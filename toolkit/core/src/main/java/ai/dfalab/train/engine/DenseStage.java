package ai.dfalab.train.engine;

import ai.dfalab.backend.Gemm;
import ai.dfalab.layers.GradientMask;

/**
 * A dense layer {@code h = f(W^T x + b)} (DL4J stores {@code W} as {@code nIn x nOut}): one product forward; backward
 * {@code delta = dh f'} with the bias gradient in the same pass, {@code dx = W delta} (before the step changes
 * {@code W}), {@code dW = x delta^T} folded into the SGD step.
 */
final class DenseStage extends WeightStage {
    private final Pointwise f;
    /** The bottleneck's fixed mask on the signal passed down (DL4J's {@code batch x nIn} layout), or null. */
    private final GradientMask signalMask;

    /** The pre-activations, when the derivative needs them. */
    private Columns z;

    DenseStage(int layer, int nIn, int nOut, Param w, Param b, Pointwise f, GradientMask signalMask) {
        super(layer, Shape.flat(nIn), Shape.flat(nOut), w, b);
        this.f = f;
        this.signalMask = signalMask;
    }

    @Override
    boolean takesSampleRows() {
        return true;
    }

    @Override
    void allocate(int batch) {
        super.allocate(batch);
        z = f.fromOutput() ? null : Columns.allocate(out.size(), batch);
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        Columns a = z == null ? y : z;
        Gemm.gemm(w.value, true, x.array, x.sampleRows, a.array, 1, 0); // W^T x
        float[] bias = b == null ? null : b.values();
        if (bias == null && f.kind() == Pointwise.Kind.IDENTITY) {
            return;
        }
        int n = y.cols;
        pass.ranges(y.rows, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                Kernels.activate(
                        a.bytes,
                        a.offset + r * n,
                        y.bytes,
                        y.offset + r * n,
                        n,
                        bias == null ? 0f : bias[r],
                        f,
                        z != null);
            }
        });
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        Columns u = z == null ? y : z;
        int n = dy.cols;
        pass.ranges(dy.rows, 1, (from, to) -> { // delta = dy f', in place
            for (int r = from; r < to; r++) {
                biasGradient[r] = Kernels.derivative(
                        dy.bytes, dy.offset + r * n, u.bytes, u.offset + r * n, dy.bytes, dy.offset + r * n, n, f);
            }
        });
        if (dx != null) {
            Gemm.gemm(down.weights(layer, w.value), false, dy.array, false, dx.array, 1, 0); // dx = W delta
            if (signalMask != null) {
                dx.array.muli(signalMask
                        .mask(layer + "_signal", new long[] {n, in.size()})
                        .transpose());
            }
        }
        w.productStep(x.array, x.sampleRows, dy.array, true, pass); // dW = x delta^T
        stepBias(pass);
    }
}
