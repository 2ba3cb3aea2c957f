package ai.dfalab.paper;

import ai.dfalab.run.RunSpec;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * How big the notebooks' experiments are, from {@code DFA_SCALE} (or {@code -Ddfa.scale}): {@code smoke} (CI:
 * seconds per notebook, a 2,048-sample subset, one seed, one epoch), {@code quick} (the default: real data, fewer
 * seeds and epochs), {@code paper} (the paper's settings: 10 seeds, 50 epochs); {@code DFA_SEEDS} sets the seeds.
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

    /**
     * Seeds per row (seeds 0 to this less one): {@code DFA_SEEDS} (or {@code -Ddfa.seeds}) where set, else this
     * scale's own. {@code DFA_SCALE=paper DFA_SEEDS=1} asks for the seed-0 runs the reference holds, shown in seconds.
     */
    public int seeds() {
        return chosenSeeds().orElse(seeds);
    }

    /** {@code DFA_SEEDS} (or {@code -Ddfa.seeds}) where set: a whole number of at least 1, else an error naming it. */
    public static OptionalInt chosenSeeds() {
        String value = System.getenv("DFA_SEEDS");
        String name = "DFA_SEEDS";
        if (value == null || value.isBlank()) {
            value = System.getProperty("dfa.seeds");
            name = "-Ddfa.seeds";
        }
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(name + "='" + value + "': expected a whole number of seeds, at least 1");
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
        OptionalInt chosen = chosenSeeds();
        return describe(chosen.orElse(seeds), chosen.isPresent() ? " (DFA_SEEDS; the scale's own: " + seeds + ")" : "");
    }

    /** As {@link #describe()}, for {@code n} seeds per row that the caller chose (a sweep's {@code --seeds}). */
    public String describe(int n) {
        return describe(n, n == seeds ? "" : " (the scale's own: " + seeds + ")");
    }

    private String describe(int n, String note) {
        return String.format(
                Locale.ROOT,
                "%s scale: %d seed%s%s x %d epoch%s on %s",
                name().toLowerCase(Locale.ROOT),
                n,
                n == 1 ? "" : "s",
                note,
                epochs,
                epochs == 1 ? "" : "s",
                trainLimit == 0 ? "the full training set" : "the first " + trainLimit + " training samples");
    }
}
