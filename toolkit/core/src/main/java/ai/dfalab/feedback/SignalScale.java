package ai.dfalab.feedback;

import ai.dfalab.choice.Choice;

/**
 * How the DFA signal of a batch is scaled against the output layer's batch-averaged gradient. The paper does not
 * say; the authors' code sums (hidden layers then learn {@code batch} times faster); docs/paper-vs-code.md.
 */
public enum SignalScale implements Choice {
    /** Hidden-layer updates summed over the batch (the authors' code; reproduces the paper's tables). */
    SUM,
    /** Hidden-layer updates averaged over the batch, like the output layer's. */
    MEAN;

    /** Factor applied to the signal before DL4J's updater divides every gradient by the batch size. */
    public double factor(long batch) {
        return this == SUM ? batch : 1.0;
    }

    /** By id, in any case. */
    public static SignalScale parse(String id) {
        return Choice.parse(SignalScale.class, "signal scale", id);
    }
}
