package ai.dfalab.feedback;

import java.util.Locale;

/** The ways to draw DFA's feedback, by the names the command line and the notebooks use. */
public enum FeedbackKind {
    /** Unified matrix with the eq. 8 normalisation (the paper's "norm"). */
    UNIFIED("unified"),
    /** Unified matrix, plain {@code N(0,1)} slices (the paper's "no norm"). */
    UNIFIED_NONORM("unified-nonorm"),
    /** Independent normalised matrices per point (the naive way). */
    PER_LAYER("per-layer");

    private final String id;

    FeedbackKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Feedback create(int[] sizes, int errorSize, long seed) {
        return switch (this) {
            case UNIFIED -> new UnifiedFeedback(sizes, errorSize, seed, true);
            case UNIFIED_NONORM -> new UnifiedFeedback(sizes, errorSize, seed, false);
            case PER_LAYER -> new PerLayerFeedback(sizes, errorSize, seed);
        };
    }

    /**
     * Bytes of float32 feedback weights an instance for these points holds, without allocating it: {@code 4 e l_max}
     * for the unified matrix, {@code 4 e sum(l_i)} per layer (the instances' {@link Feedback#bytes()} agree).
     */
    public long bytesFor(int[] sizes, int errorSize) {
        long rows = this == PER_LAYER ? java.util.Arrays.stream(sizes).asLongStream().sum()
                : java.util.Arrays.stream(sizes).max().orElse(0);
        return 4L * errorSize * rows;
    }

    public static FeedbackKind parse(String id) {
        for (FeedbackKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown feedback '" + id + "': expected unified, unified-nonorm or per-layer");
    }

    @Override
    public String toString() {
        return id;
    }
}
