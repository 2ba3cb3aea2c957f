package ai.dfalab.feedback;

import ai.dfalab.choice.Choice;

/** The ways to draw DFA's feedback, by the names the command line and the notebooks use. */
public enum FeedbackKind implements Choice {
    /** Unified matrix with the eq. 8 normalisation (the paper's "norm"). */
    UNIFIED,
    /** Unified matrix, plain {@code N(0,1)} slices (the paper's "no norm"). */
    UNIFIED_NONORM,
    /** Independent normalised matrices per point (the naive way). */
    PER_LAYER,
    /** The normalised unified matrix regenerated block by block from its seed, never stored. */
    SEEDED,
    /** As {@link #SEEDED}, plain {@code N(0,1)} entries (the "no norm" variant). */
    SEEDED_NONORM,
    /** Fastfood-style structured transform with eq. 8's scale: O(l) work and memory per sample, nothing stored. */
    STRUCTURED;

    public Feedback create(int[] sizes, int errorSize, long seed) {
        return switch (this) {
            case UNIFIED -> new UnifiedFeedback(sizes, errorSize, seed, true);
            case UNIFIED_NONORM -> new UnifiedFeedback(sizes, errorSize, seed, false);
            case PER_LAYER -> new PerLayerFeedback(sizes, errorSize, seed);
            case SEEDED -> new SeededFeedback(sizes, errorSize, seed, true);
            case SEEDED_NONORM -> new SeededFeedback(sizes, errorSize, seed, false);
            case STRUCTURED -> new StructuredFeedback(sizes, errorSize, seed, true);
        };
    }

    /**
     * Bytes of float32 feedback weights an instance for these points holds, without allocating it: {@code 4 e l_max}
     * for the unified matrix, {@code 4 e sum(l_i)} per layer, one block of rows for the seeded matrix, nothing for the
     * structured transform (the instances' {@link Feedback#bytes()} agree).
     */
    public long bytesFor(int[] sizes, int errorSize) {
        long lMax = java.util.Arrays.stream(sizes).max().orElse(0);
        long rows = switch (this) {
            case PER_LAYER -> java.util.Arrays.stream(sizes).asLongStream().sum();
            case UNIFIED, UNIFIED_NONORM -> lMax;
            case SEEDED, SEEDED_NONORM -> Math.min(lMax, SeededFeedback.rowsPerBlock(errorSize));
            case STRUCTURED -> 0;
        };
        return 4L * errorSize * rows;
    }

    /** By id, in any case. */
    public static FeedbackKind parse(String id) {
        return Choice.parse(FeedbackKind.class, "feedback", id);
    }

    @Override
    public String toString() {
        return id();
    }
}
