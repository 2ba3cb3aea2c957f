package ai.dfalab.paper;

import ai.dfalab.data.Cifar10;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Architecture;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    /** A row: its name, how it changes the base run, and the paper's numbers for it. */
    public record Row(String name, UnaryOperator<RunSpec> change, Reference paper) {}

    /** The paper's numbers for a row: test accuracy mean (std) over 10 runs; alignment of the best run per point. */
    public record Reference(double test, double testStd, double[] cos, double[] cosStd) {}

    public static final List<Row> ROWS = List.of(
            new Row("norm", s -> s, ref(62.65, 0.65, 0.02, 0.02, 0.15, 0.04, 0.59, 0.06, 1.0, 0.00)),
            new Row(
                    "no norm",
                    s -> s.withFeedback(FeedbackKind.UNIFIED_NONORM),
                    ref(57.90, 0.82, 0.00, 0.08, 0.09, 0.12, 0.62, 0.12, 1.00, 0.00)),
            new Row(
                    "norm+BN",
                    s -> s.withModel(m -> m.withBatchNorm(true)),
                    ref(48.50, 1.52, 0.01, 0.06, 0.00, 0.07, 0.00, 0.11, 0.14, 0.20)),
            new Row(
                    "norm+DO(0.5)",
                    s -> s.withModel(m -> m.withDropout(0.1, 0.5)),
                    ref(57.95, 1.02, 0.01, 0.02, 0.09, 0.04, 0.30, 0.11, 0.96, 0.05)),
            new Row(
                    "norm+DO(0.1)",
                    s -> s.withModel(m -> m.withDropout(0.1, 0.1)),
                    ref(61.31, 0.78, 0.02, 0.01, 0.12, 0.04, 0.44, 0.12, 0.98, 0.04)));

    private Table4() {}

    private static Reference ref(double test, double testStd, double... cos) {
        return new Reference(test, testStd, new double[] {cos[0], cos[2], cos[4], cos[6]}, new double[] {
            cos[1], cos[3], cos[5], cos[7]
        });
    }

    /** The paper's base run: the CNN, tanh, He init, unified normalised feedback, SUM, SGD lr 5e-4, batch 128, 50 epochs. */
    public static RunSpec base() {
        return RunSpec.paper().withModel(m -> m.withArchitecture(Architecture.parse("cnn")));
    }

    /** Runs per row at {@code scale}: 10 seeds at paper scale, one otherwise. */
    public static int seeds(Scale scale) {
        return scale == Scale.PAPER ? 10 : 1;
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

    /** Every run of the table at {@code scale}, row by row, from {@code base}. */
    public static Map<String, List<RunSpec>> runs(RunSpec base, Scale scale) {
        Map<String, List<RunSpec>> runs = new LinkedHashMap<>();
        for (Row row : ROWS) {
            List<RunSpec> seeds = new ArrayList<>();
            for (int seed = 0; seed < seeds(scale); seed++) {
                seeds.add(atScale(row.change().apply(base), scale, seed));
            }
            runs.put(row.name(), seeds);
        }
        return runs;
    }

    /** Runs (or reuses) every run of the table. */
    public static Map<String, List<RunResult>> run(Experiment experiment, RunSpec base, Scale scale) {
        return Sweep.runGroups(experiment, runs(base, scale));
    }

    /**
     * Ours beside the paper's: test accuracy, mean and std over seeds (percent), and ours minus the paper's; alignment
     * per point from our best run (by test accuracy), beside the paper's. Runs with {@code headByBp} have no feedback
     * point at the classifier: their {@code class. 4} cosine is empty (that block gets BP's gradient).
     */
    public static Table compare(Map<String, List<RunResult>> results) {
        Table t = Table.create("Table 4: ours vs paper (accuracy %, alignment cosine)");
        StringColumn name = StringColumn.create("practice");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn[] cols = {
            DoubleColumn.create("test"),
            DoubleColumn.create("test sd"),
            DoubleColumn.create("paper test"),
            DoubleColumn.create("Δ test"),
            DoubleColumn.create("test exact 1k"),
            DoubleColumn.create("train")
        };
        DoubleColumn[] cos = new DoubleColumn[3 * POINTS.size()];
        for (int p = 0; p < POINTS.size(); p++) {
            cos[3 * p] = DoubleColumn.create("cos " + POINTS.get(p));
            cos[3 * p + 1] = DoubleColumn.create("cos " + POINTS.get(p) + " sd");
            cos[3 * p + 2] = DoubleColumn.create("paper cos " + POINTS.get(p));
        }
        for (Row row : ROWS) {
            List<RunResult> r = results.get(row.name());
            if (r == null || r.isEmpty()) {
                continue;
            }
            double[] test = r.stream().mapToDouble(x -> 100 * x.testAccuracy()).toArray();
            double[] exact = r.stream()
                    .mapToDouble(x -> 100 * x.last().testAccuracyExact())
                    .toArray();
            double[] train =
                    r.stream().mapToDouble(x -> 100 * x.trainAccuracy()).toArray();
            RunResult best = r.stream()
                    .max(java.util.Comparator.comparingDouble(RunResult::testAccuracy))
                    .orElseThrow();
            name.append(row.name());
            runs.append(r.size());
            cols[0].append(Stats.mean(test));
            cols[1].append(Stats.std(test));
            cols[2].append(row.paper().test());
            cols[3].append(Stats.mean(test) - row.paper().test());
            cols[4].append(Stats.mean(exact));
            cols[5].append(Stats.mean(train));
            double[] mean = best.last().alignmentMean();
            double[] std = best.last().alignmentStd();
            for (int p = 0; p < POINTS.size(); p++) {
                cos[3 * p].append(p < mean.length ? mean[p] : Double.NaN);
                cos[3 * p + 1].append(p < std.length ? std[p] : Double.NaN);
                cos[3 * p + 2].append(row.paper().cos()[p]);
            }
        }
        t.addColumns(name, runs);
        t.addColumns(cols);
        t.addColumns(cos);
        for (int c = 2; c < t.columnCount(); c++) {
            ((DoubleColumn) t.column(c)).setPrintFormatter(new java.text.DecimalFormat("0.00"), "");
        }
        return t;
    }
}
