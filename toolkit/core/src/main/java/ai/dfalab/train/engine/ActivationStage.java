package ai.dfalab.train.engine;

/** A layer of its own applying an activation ({@code h = f(x)}), as after dropout: one fused pass each way. */
final class ActivationStage extends Stage {
    private final Pointwise f;

    ActivationStage(int layer, Shape shape, Pointwise f) {
        super(layer, shape, shape);
        this.f = f;
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        pass.ranges(
                x.length(),
                1024,
                (from, to) ->
                        Kernels.activate(x.bytes, x.offset + from, y.bytes, y.offset + from, to - from, 0f, f, false));
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        if (dx != null) {
            Columns u = f.fromOutput() ? y : x;
            pass.ranges(
                    dy.length(),
                    1024,
                    (from, to) -> Kernels.derivative(
                            dy.bytes,
                            dy.offset + from,
                            u.bytes,
                            u.offset + from,
                            dx.bytes,
                            dx.offset + from,
                            to - from,
                            f));
        }
    }
}
