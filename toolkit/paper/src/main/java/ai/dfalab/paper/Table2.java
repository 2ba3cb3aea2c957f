package ai.dfalab.paper;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 2 of the paper: FC 3x800 on CIFAR-10 under DFA with nine practices, the paper's numbers as data beside
 * ours. Rows follow the paper's text (lReLU slope -0.5 and |x|; the authors' code had +0.5, +0.1 and no |x|).
 */
public final class Table2 {

    /** A row: its name, how it changes the paper's base run, and the paper's numbers for it. */
    public record Row(String name, UnaryOperator<RunSpec> change, Reference paper) {}

    /** The paper's numbers for a row: mean (std) over 10 runs; alignment of the best run, per layer. */
    public record Reference(
            double test, double testStd, double train, double trainStd, double[] cos, double[] cosStd) {}

    public static final List<Row> ROWS = List.of(
            new Row("norm", s -> s, ref(46.46, 0.35, 86.62, 0.31, 0.79, 0.08, 0.87, 0.10, 0.64, 0.07)),
            new Row(
                    "no norm",
                    s -> s.withFeedback(FeedbackKind.UNIFIED_NONORM),
                    ref(43.46, 0.27, 96.43, 0.22, 0.64, 0.08, 0.69, 0.08, 0.65, 0.06)),
            new Row(
                    "norm+BN",
                    s -> s.withModel(m -> m.withBatchNorm(true)),
                    ref(45.73, 0.53, 84.52, 0.30, 0.62, 0.21, 0.43, 0.13, 0.56, 0.14)),
            new Row(
                    "norm+|x|",
                    s -> s.withModel(m -> m.withActivation("abs")).withLearningRate(1e-4),
                    ref(50.21, 0.39, 62.17, 0.35, 0.79, 0.02, 0.64, 0.04, 0.19, 0.02)),
            new Row(
                    "norm+ReLU",
                    s -> s.withModel(m -> m.withActivation("relu")),
                    ref(40.24, 2.16, 41.68, 0.40, 0.38, 0.33, 0.37, 0.33, 0.06, 0.07)),
            new Row(
                    "norm+lReLU(-0.5)",
                    s -> s.withModel(m -> m.withActivation("lrelu:-0.5")).withLearningRate(1e-4),
                    ref(52.94, 0.38, 68.67, 1.73, 0.84, 0.02, 0.72, 0.02, 0.22, 0.02)),
            new Row(
                    "norm+lReLU(0.01)",
                    s -> s.withModel(m -> m.withActivation("lrelu:0.01")),
                    ref(37.88, 4.34, 41.46, 0.69, 0.42, 0.35, 0.40, 0.34, 0.07, 0.07)),
            new Row(
                    "norm+DO(0.5)",
                    s -> s.withModel(m -> m.withDropout(0.1, 0.5)),
                    ref(47.90, 0.17, 54.23, 0.15, 0.72, 0.07, 0.73, 0.08, 0.43, 0.06)),
            new Row(
                    "norm+DO(0.1)",
                    s -> s.withModel(m -> m.withDropout(0.1, 0.1)),
                    ref(49.50, 0.34, 69.97, 0.18, 0.79, 0.07, 0.83, 0.05, 0.54, 0.03)));

    private Table2() {}

    private static Reference ref(double test, double testStd, double train, double trainStd, double... cos) {
        return new Reference(test, testStd, train, trainStd, new double[] {cos[0], cos[2], cos[4]}, new double[] {
            cos[1], cos[3], cos[5]
        });
    }

    /** Every run of the table at {@code scale}, row by row, from {@code base} (the paper's settings by default). */
    public static Map<String, List<RunSpec>> runs(RunSpec base, Scale scale) {
        Map<String, List<RunSpec>> runs = new LinkedHashMap<>();
        for (Row row : ROWS) {
            List<RunSpec> seeds = new ArrayList<>();
            for (int seed = 0; seed < scale.seeds(); seed++) {
                seeds.add(scale.apply(row.change().apply(base), seed));
            }
            runs.put(row.name(), seeds);
        }
        return runs;
    }

    /** Runs (or reuses) every run of the table. */
    public static Map<String, List<RunResult>> run(Experiment experiment, RunSpec base, Scale scale) {
        return Sweep.runGroups(experiment, runs(base, scale));
    }

    /** Per row, the mean over seeds of one value per epoch (e.g. test accuracy), for curves. */
    public static Map<String, double[]> meanCurves(
            Map<String, List<RunResult>> results, java.util.function.ToDoubleFunction<EpochMetrics> value) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        results.forEach((name, runs) -> {
            double[] sum = new double[runs.get(0).epochs().size()];
            for (RunResult r : runs) {
                double[] y = r.series(value);
                for (int e = 0; e < sum.length; e++) {
                    sum[e] += y[e] / runs.size();
                }
            }
            curves.put(name, sum);
        });
        return curves;
    }

    /**
     * Ours beside the paper's: test and train accuracy, mean and std over seeds (percent); alignment per layer from
     * our best run (by test accuracy), as the paper reports it; and ours minus the paper's.
     */
    public static Table compare(Map<String, List<RunResult>> results) {
        Table t = Table.create("Table 2: ours vs paper (accuracy %, alignment cosine)");
        StringColumn name = StringColumn.create("practice");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn[] cols = new DoubleColumn[] {
            DoubleColumn.create("test"),
            DoubleColumn.create("test sd"),
            DoubleColumn.create("paper test"),
            DoubleColumn.create("Δ test"),
            DoubleColumn.create("test exact 1k"),
            DoubleColumn.create("train"),
            DoubleColumn.create("paper train"),
            DoubleColumn.create("Δ train")
        };
        DoubleColumn[] cos = new DoubleColumn[9];
        for (int l = 0; l < 3; l++) {
            cos[3 * l] = DoubleColumn.create("cos " + (l + 1));
            cos[3 * l + 1] = DoubleColumn.create("cos " + (l + 1) + " sd");
            cos[3 * l + 2] = DoubleColumn.create("paper cos " + (l + 1));
        }
        for (Row row : ROWS) {
            List<RunResult> r = results.get(row.name());
            if (r == null || r.isEmpty()) {
                continue;
            }
            double[] test = r.stream().mapToDouble(x -> 100 * x.testAccuracy()).toArray();
            double[] train =
                    r.stream().mapToDouble(x -> 100 * x.trainAccuracy()).toArray();
            double[] exact = r.stream()
                    .mapToDouble(x -> 100 * x.last().testAccuracyExact())
                    .toArray();
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
            cols[6].append(row.paper().train());
            cols[7].append(Stats.mean(train) - row.paper().train());
            for (int l = 0; l < 3; l++) {
                cos[3 * l].append(best.last().alignmentMean()[l]);
                cos[3 * l + 1].append(best.last().alignmentStd()[l]);
                cos[3 * l + 2].append(row.paper().cos()[l]);
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
