package ai.dfalab.train.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the engine's training steps spend their time: each stage's forward and backward wall time per step, and for
 * stages with weights the rate of their products. Opt-in ({@link Engine#timeStages}): it reads the clock twice a
 * stage, from the call on. Blocks running at once (backward unlocking) each write their own stages' entries.
 */
public final class StageTimes {
    /**
     * One stage: its DL4J layer, its kind, milliseconds per step forward and backward, the GFLOP of one of its
     * products per step (0 without weights) and how many such products its backward pass ran (the weight gradient, and
     * the input gradient where the stage below needs it).
     */
    public record Row(
            int layer, String stage, double forwardMs, double backwardMs, double productGflop, int backwardProducts) {

        /** GFLOP/s of the forward product, or NaN for a stage without weights. */
        public double forwardGflops() {
            return productGflop == 0 ? Double.NaN : productGflop / forwardMs * 1e3;
        }

        /** GFLOP/s of the backward products, or NaN for a stage without weights. */
        public double backwardGflops() {
            return productGflop == 0 ? Double.NaN : backwardProducts * productGflop / backwardMs * 1e3;
        }

        /** {@code layer stage forward ms, backward ms (GFLOP/s of the products)}, one line. */
        @Override
        public String toString() {
            String rates = productGflop == 0
                    ? ""
                    : String.format(Locale.ROOT, "  (%.0f / %.0f GFLOP/s)", forwardGflops(), backwardGflops());
            return String.format(
                    Locale.ROOT,
                    "layer %2d %-10s forward %7.2f ms  backward %7.2f ms%s",
                    layer,
                    stage,
                    forwardMs,
                    backwardMs,
                    rates);
        }
    }

    private final List<Stage> stages;
    private final long[] forward;
    private final long[] backward;
    private final boolean[] inputGradient;
    private int batch;
    private int steps;

    StageTimes(List<Stage> stages) {
        this.stages = stages;
        this.forward = new long[stages.size()];
        this.backward = new long[stages.size()];
        this.inputGradient = new boolean[stages.size()];
    }

    void forward(int stage, long nanos) {
        forward[stage] += nanos;
    }

    void backward(int stage, long nanos, boolean input) {
        backward[stage] += nanos;
        inputGradient[stage] = input;
    }

    void step(int batchSize) {
        batch = batchSize;
        steps++;
    }

    /** Per step, each stage in the order of the forward pass; empty before the first step. */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; steps > 0 && s < stages.size(); s++) {
            Stage stage = stages.get(s);
            double gflop = stage instanceof WeightStage w ? 2e-9 * w.multiplyAdds() * batch : 0;
            rows.add(new Row(
                    stage.layer,
                    stage.getClass().getSimpleName().replace("Stage", "").toLowerCase(Locale.ROOT),
                    forward[s] / 1e6 / steps,
                    backward[s] / 1e6 / steps,
                    gflop,
                    gflop == 0 ? 0 : inputGradient[s] ? 2 : 1));
        }
        return rows;
    }
}
