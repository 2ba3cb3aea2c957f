package ai.dfalab.train.engine;

import java.util.List;

/**
 * A stage with weights {@code W} and, where the layer has one, a bias {@code b} with one entry per output channel: a
 * dense, convolution or output layer. The backward pass sums the bias gradient into {@link #biasGradient}.
 */
abstract class WeightStage extends Stage {
    final Param w;
    final Param b;
    /** {@code db}, one entry per output channel, filled by the backward pass before {@link #stepBias}. */
    double[] biasGradient;

    WeightStage(int layer, Shape in, Shape out, Param w, Param b) {
        super(layer, in, out);
        this.w = w;
        this.b = b;
    }

    @Override
    void allocate(int batch) {
        biasGradient = new double[out.channels()];
    }

    @Override
    List<Param> params() {
        return b == null ? List.of(w) : List.of(w, b);
    }

    /** Multiply-adds of the product {@code W x} for one sample: each output position uses every weight once. */
    long multiplyAdds() {
        return w.value.length() * out.plane();
    }

    /** The bias's step from {@link #biasGradient}. */
    void stepBias(Pass pass) {
        if (b != null) {
            b.vectorStep(biasGradient, pass);
        }
    }
}
