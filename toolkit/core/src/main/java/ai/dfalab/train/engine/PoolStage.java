package ai.dfalab.train.engine;

/**
 * Max pooling: each output the largest entry of its window, the first one in window order on ties (DL4J's choice).
 * Which entry that was is kept from the forward pass, so the backward pass sends each gradient there without searching
 * the window again.
 */
final class PoolStage extends Stage {
    private final Window window;
    /** Per output, the index of its maximum in the window (as a float, laid out as the output). */
    private Columns argmax;

    PoolStage(int layer, Window window) {
        super(
                layer,
                new Shape(window.channels(), window.height(), window.width()),
                new Shape(window.channels(), window.outH(), window.outW()));
        this.window = window;
    }

    @Override
    void allocate(int batch) {
        argmax = Columns.allocate(out.size(), batch);
    }

    /** Visits one output position of a channel. */
    private interface PositionVisitor {
        /** {@code at}: the position's offset in the output's layout; {@code starts}: its window's entries in the input. */
        void visit(int at, int[] starts);
    }

    /** Visits each output position of channel {@code c}, with where its window's entries start in {@code x}. */
    private void eachPosition(Columns x, int c, PositionVisitor visitor) {
        int batch = x.cols;
        int[] starts = new int[window.kernelH() * window.kernelW()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int k = 0;
                for (int ky = 0; ky < window.kernelH(); ky++) {
                    for (int kx = 0; kx < window.kernelW(); kx++) {
                        int iy = oy * window.strideH() + ky;
                        int ix = ox * window.strideW() + kx;
                        starts[k++] = x.offset + ((c * window.height() + iy) * window.width() + ix) * batch;
                    }
                }
                visitor.visit(((c * out.height() + oy) * out.width() + ox) * batch, starts);
            }
        }
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        int batch = x.cols;
        pass.workers.run(
                out.channels(),
                c -> eachPosition(
                        x,
                        c,
                        (at, starts) -> Kernels.maxPool(
                                x.bytes, starts, y.bytes, y.offset + at, argmax.bytes, argmax.offset + at, batch)));
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        if (dx == null) {
            return;
        }
        int batch = x.cols;
        int plane = in.plane() * batch;
        pass.workers.run(out.channels(), c -> {
            Kernels.zero(dx.bytes, dx.offset + c * plane, plane);
            eachPosition(
                    dx,
                    c,
                    (at, starts) -> Kernels.maxPoolBack(
                            dy.bytes, dy.offset + at, argmax.bytes, argmax.offset + at, dx.bytes, starts, batch));
        });
    }
}
