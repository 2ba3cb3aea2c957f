package ai.dfalab.train.engine;

/** What every stage of one step shares: the batch, training or inference, and where the updates stand. */
final class Pass {
    int batch;
    boolean training;
    int iteration;
    int epoch;
    /** Plain SGD everywhere: each parameter takes its step as soon as its gradient is known (else DL4J's updater does). */
    final boolean sgd;
    /** The threads of the stages' Java loops. */
    final Workers workers;

    Pass(boolean sgd, Workers workers) {
        this.sgd = sgd;
        this.workers = workers;
    }

    /** {@code body(from, to)} over {@code [0, n)} cut into about four ranges per thread ({@code n} a multiple of {@code unit} apart from the last). */
    void ranges(int n, int unit, RangeBody body) {
        int pieces = Math.max(1, Math.min(n / Math.max(1, unit), workers.count() * 4));
        int step = (n / pieces + unit - 1) / unit * unit;
        workers.run((n + step - 1) / step, i -> body.accept(i * step, Math.min(n, (i + 1) * step)));
    }

    @FunctionalInterface
    interface RangeBody {
        void accept(int from, int to);
    }
}
