package ai.dfalab.train.engine;

import ai.dfalab.backend.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution {@code h = f(W * x + b)} lowered to one product ({@code W} as DL4J stores it, {@code C_out x K}, times
 * the lowered input {@code K x (oH oW batch)}): in the engine's layout its result is the output itself, no reordering.
 * The lowered input is kept for {@code dW = delta col^T}; then it holds {@code W^T delta}, summed back into
 * {@code dx} where the input gradient is needed.
 */
final class ConvStage extends WeightStage {
    private final Window window;
    private final Pointwise f;
    private Columns col;
    private Columns z;

    ConvStage(int layer, Window window, int outChannels, Param w, Param b, Pointwise f) {
        super(
                layer,
                new Shape(window.channels(), window.height(), window.width()),
                new Shape(outChannels, window.outH(), window.outW()),
                w.asMatrix(outChannels),
                b);
        this.window = window;
        this.f = f;
    }

    @Override
    void allocate(int batch) {
        super.allocate(batch);
        col = Columns.allocate(window.patch(), (long) window.positions() * batch);
        z = f.fromOutput() ? null : Columns.allocate(out.size(), batch);
    }

    /** {@code a} as a {@code C_out x (oH oW batch)} matrix. */
    private INDArray channelRows(Columns a) {
        return a.array.reshape('c', out.channels(), (long) out.plane() * a.cols);
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        int batch = x.cols;
        pass.workers.run(window.channels(), c -> window.im2col(x, col, batch, c));
        Columns a = z == null ? y : z;
        Gemm.gemm(w.value, false, col.array, false, channelRows(a), 1, 0);
        float[] bias = b == null ? null : b.values();
        int run = out.plane() * batch;
        pass.workers.run(
                out.channels(),
                c -> Kernels.activate(
                        a.bytes,
                        a.offset + c * run,
                        y.bytes,
                        y.offset + c * run,
                        run,
                        bias == null ? 0f : bias[c],
                        f,
                        z != null));
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        int batch = x.cols;
        int run = out.plane() * batch;
        Columns u = z == null ? y : z;
        pass.workers.run(
                out.channels(),
                c -> { // delta = dy f', in place; per channel, the bias gradient
                    biasGradient[c] = Kernels.derivative(
                            dy.bytes,
                            dy.offset + c * run,
                            u.bytes,
                            u.offset + c * run,
                            dy.bytes,
                            dy.offset + c * run,
                            run,
                            f);
                });
        INDArray delta = channelRows(dy);
        w.product(delta, false, col.array, true); // dW = delta col^T, stepped once W is no longer read
        if (dx != null) {
            INDArray weights = down.weights(layer, w.value);
            Gemm.gemm(weights.reshape('c', out.channels(), window.patch()), true, delta, false, col.array, 1, 0);
            pass.workers.run(window.channels(), c -> window.col2im(col, dx, batch, c));
        }
        w.step(pass);
        stepBias(pass);
    }
}
