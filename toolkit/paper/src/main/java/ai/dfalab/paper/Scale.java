package ai.dfalab.paper;

import ai.dfalab.run.RunSpec;
import java.util.Locale;

/**
 * How big the notebooks' experiments are, from {@code DFA_SCALE} (or {@code -Ddfa.scale}): {@code smoke} (CI:
 * seconds per notebook, a 2,048-sample subset, one seed, one epoch), {@code quick} (the default: real data, fewer
 * seeds and epochs), {@code paper} (the paper's settings: 10 seeds, 50 epochs).
 */
public enum Scale {
    SMOKE(1, 1, 2048),
    QUICK(2, 4, 0),
    PAPER(10, 50, 0);

    private final int seeds;
    private final int epochs;
    private final int trainLimit;

    Scale(int seeds, int epochs, int trainLimit) {
        this.seeds = seeds;
        this.epochs = epochs;
        this.trainLimit = trainLimit;
    }

    public static Scale current() {
        String value = System.getenv("DFA_SCALE");
        if (value == null || value.isBlank()) {
            value = System.getProperty("dfa.scale", "quick");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DFA_SCALE='" + value + "': expected smoke, quick or paper");
        }
    }

    public int seeds() {
        return seeds;
    }

    public int epochs() {
        return epochs;
    }

    /** Training samples used (0: all). */
    public int trainLimit() {
        return trainLimit;
    }

    /** {@code spec} at this scale, for seed {@code seed}. */
    public RunSpec apply(RunSpec spec, long seed) {
        return spec.withEpochs(epochs).withTrainLimit(trainLimit).withSeed(seed);
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s scale: %d seed%s x %d epoch%s on %s",
                name().toLowerCase(Locale.ROOT),
                seeds,
                seeds == 1 ? "" : "s",
                epochs,
                epochs == 1 ? "" : "s",
                trainLimit == 0 ? "the full training set" : "the first " + trainLimit + " training samples");
    }
}
