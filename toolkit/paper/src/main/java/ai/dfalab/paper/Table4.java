package ai.dfalab.paper;

import ai.dfalab.data.Cifar10;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.paper.PracticeTable.Row;
import ai.dfalab.run.RunSpec;
import java.util.List;
import java.util.Locale;

/**
 * Table 4 of the paper: the 3-conv CNN on CIFAR-10 under DFA with five practices, the paper's numbers as data beside
 * ours. DO rows as in the authors' code: spatial dropout 0.1 on the input channels, the named rate on the 128 units.
 */
public final class Table4 {
    /** The feedback points as the paper names them. */
    public static final List<String> POINTS = List.of("conv 1", "conv 2", "conv 3", "class. 4");
    /** Training samples per run at smoke scale (2 steps) and quick scale (one epoch of the whole training set). */
    public static final int SMOKE_SAMPLES = 256;

    public static final int QUICK_SAMPLES = 50_000;

    public static final List<PracticeTable.Row> ROWS = List.of(
            Row.norm(ref(62.65, 0.65, 0.02, 0.02, 0.15, 0.04, 0.59, 0.06, 1.0, 0.00)),
            Row.noNorm(ref(57.90, 0.82, 0.00, 0.08, 0.09, 0.12, 0.62, 0.12, 1.00, 0.00)),
            Row.batchNorm(ref(48.50, 1.52, 0.01, 0.06, 0.00, 0.07, 0.00, 0.11, 0.14, 0.20)),
            Row.dropout(0.5, ref(57.95, 1.02, 0.01, 0.02, 0.09, 0.04, 0.30, 0.11, 0.96, 0.05)),
            Row.dropout(0.1, ref(61.31, 0.78, 0.02, 0.01, 0.12, 0.04, 0.44, 0.12, 0.98, 0.04)));

    private Table4() {}

    /** Table 4 prints no training accuracy. */
    private static PracticeTable.Reference ref(double test, double testStd, double... cos) {
        return PracticeTable.Reference.printed(test, testStd, Double.NaN, Double.NaN, cos);
    }

    /** The paper's base run: the CNN, tanh, He init, unified normalised feedback, SUM, SGD lr 5e-4, batch 128, 50 epochs. */
    public static RunSpec base() {
        return RunSpec.paper().withModel(ModelSpec.of(Architecture.CNN));
    }

    /** Runs per row at {@code scale}: {@code DFA_SEEDS} where set, else 10 seeds at paper scale and one otherwise. */
    public static int seeds(Scale scale) {
        return Scale.chosenSeeds().orElse(scale == Scale.PAPER ? 10 : 1);
    }

    /**
     * {@code spec} at {@code scale} for {@code seed}: below paper scale, one epoch on {@link #SMOKE_SAMPLES} or
     * {@link #QUICK_SAMPLES} samples, tested on CIFAR-10's exact first 1,000 test images (the shared copy's records
     * that did not go through JPEG).
     */
    public static RunSpec atScale(RunSpec spec, Scale scale, long seed) {
        return switch (scale) {
            case SMOKE ->
                spec.withEpochs(1)
                        .withTrainLimit(SMOKE_SAMPLES)
                        .withTestLimit(Cifar10.EXACT_TEST_RECORDS)
                        .withSeed(seed);
            case QUICK ->
                spec.withEpochs(1)
                        .withTrainLimit(QUICK_SAMPLES)
                        .withTestLimit(Cifar10.EXACT_TEST_RECORDS)
                        .withSeed(seed);
            case PAPER -> scale.apply(spec, seed);
        };
    }

    public static String describe(Scale scale) {
        return scale == Scale.PAPER
                ? scale.describe()
                : String.format(
                        Locale.ROOT,
                        "%s scale (Table 4): %d seed x 1 epoch on the first %d training samples (%d steps of 128), tested on the exact first 1,000 test images",
                        scale.name().toLowerCase(Locale.ROOT),
                        seeds(scale),
                        atScale(base(), scale, 0).trainLimit(),
                        atScale(base(), scale, 0).trainLimit() / 128);
    }

    /**
     * The table with the paper's rows, from {@link #base()}, sized by {@link #atScale}. Runs with {@code headByBp} have
     * no feedback point at the classifier: their {@code class. 4} cosine is empty (that block gets BP's gradient).
     */
    public static PracticeTable table() {
        return new PracticeTable("Table 4", base(), POINTS, ROWS, new PracticeTable.Sizing() {
            @Override
            public RunSpec apply(RunSpec spec, Scale scale, long seed) {
                return atScale(spec, scale, seed);
            }

            @Override
            public int seeds(Scale scale) {
                return Table4.seeds(scale);
            }
        });
    }
}
