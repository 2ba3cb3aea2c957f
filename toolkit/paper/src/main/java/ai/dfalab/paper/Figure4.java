package ai.dfalab.paper;

import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 4 of the paper, the bottleneck sweep: FC 3x800 tanh on CIFAR-10 whose second layer keeps only {@code k}
 * trainable units (a fixed Bernoulli(k/800) mask on all its gradient tensors, no feedback point before it), SGD at
 * lr 5e-3, He init, seed 0. Test accuracy and the alignment at the bottleneck's output against {@code k}.
 */
public final class Figure4 {
    /** The paper's bottleneck sizes. */
    public static final int[] K = {1, 3, 5, 8, 11, 18, 28, 46, 73, 118, 191, 308, 496, 800};
    /** The authors' logged endpoints (seed code): k, test accuracy, alignment mean. */
    public static final double[][] AUTHORS = {{800, 0.471, 0.892}, {1, 0.405, 0.069}};

    private Figure4() {}

    /** The base run: the paper's FC network at the figure's learning rate. */
    public static RunSpec base() {
        return RunSpec.paper().withLearningRate(5e-3);
    }

    /** Runs (or reuses) every point of the sweep at {@code scale} (seed 0, as the paper), one per core at a time. */
    public static Map<Integer, RunResult> run(Experiment experiment, Scale scale) {
        return run(experiment, scale, Sweep.defaultWorkers());
    }

    /** As {@link #run(Experiment, Scale)}, with {@code workers} points side by side (1: one after the other). */
    public static Map<Integer, RunResult> run(Experiment experiment, Scale scale, int workers) {
        return byK(Sweep.run(experiment, specs(scale), workers));
    }

    /** The sweep's runs at {@code scale}, one per k of {@link #K}, in that order (seed 0, as the paper). */
    public static List<RunSpec> specs(Scale scale) {
        return Arrays.stream(K)
                .mapToObj(k -> scale.apply(base().withModel(m -> m.withBottleneckK(k)), 0))
                .toList();
    }

    /** The results of {@link #specs}, in its order, by k. */
    public static Map<Integer, RunResult> byK(List<RunResult> runs) {
        Map<Integer, RunResult> results = new LinkedHashMap<>();
        for (int i = 0; i < K.length; i++) {
            results.put(K[i], runs.get(i));
        }
        return results;
    }

    /**
     * One row per k: test accuracy (%) and the alignment at the bottleneck's output after the last epoch, and the run's
     * status; a diverged run has no accuracy or alignment (blank), its status says where it diverged.
     */
    public static Table table(Map<Integer, RunResult> results) {
        Table t = Table.create(
                "Figure 4: bottleneck sweep",
                IntColumn.create(
                        "k",
                        results.keySet().stream().mapToInt(Integer::intValue).toArray()),
                DoubleColumn.create("test %", column(results, r -> 100 * r.testAccuracy())),
                DoubleColumn.create("cos mean", column(results, r -> r.alignment()[0])),
                DoubleColumn.create("cos std", column(results, r -> r.last().alignmentStd()[0])),
                StringColumn.create(
                        "status",
                        results.values().stream().map(RunResult::describe).toList()));
        for (int c = 1; c < 4; c++) {
            ((DoubleColumn) t.column(c)).setPrintFormatter(new java.text.DecimalFormat("0.00"), "");
        }
        return t;
    }

    /** One value per k, NaN where the run diverged. */
    private static double[] column(Map<Integer, RunResult> results, ToDoubleFunction<RunResult> value) {
        return results.values().stream()
                .mapToDouble(r -> r.diverged() ? Double.NaN : value.applyAsDouble(r))
                .toArray();
    }

    /** Test accuracy against k (log axis), with the authors' endpoints; diverged runs named in the legend. */
    public static XYChart accuracyChart(Map<Integer, RunResult> results) {
        XYChart chart = chart("Bottleneck: test accuracy", "test accuracy");
        Map<Integer, RunResult> ran = notDiverged(results, chart);
        if (!ran.isEmpty()) {
            chart.addSeries(
                    ours(results),
                    ks(ran),
                    ran.values().stream().mapToDouble(RunResult::testAccuracy).toArray());
        }
        authors(chart, 1);
        return chart;
    }

    /** Alignment at the bottleneck's output against k (log axis): mean with the batch's std as error bars. */
    public static XYChart alignmentChart(Map<Integer, RunResult> results) {
        XYChart chart = chart("Bottleneck: alignment at its output", "cosine (mean, std over 128 images)");
        chart.getStyler().setErrorBarsColor(java.awt.Color.GRAY);
        Map<Integer, RunResult> ran = notDiverged(results, chart);
        if (!ran.isEmpty()) {
            chart.addSeries(
                    ours(results),
                    ks(ran),
                    ran.values().stream().mapToDouble(r -> r.alignment()[0]).toArray(),
                    ran.values().stream()
                            .mapToDouble(r -> r.last().alignmentStd()[0])
                            .toArray());
        }
        authors(chart, 2);
        return chart;
    }

    /** The runs that did not diverge; where none is left, the chart's title says so. */
    private static Map<Integer, RunResult> notDiverged(Map<Integer, RunResult> results, XYChart chart) {
        Map<Integer, RunResult> ran = new LinkedHashMap<>(results);
        ran.values().removeIf(RunResult::diverged);
        if (ran.isEmpty()) {
            chart.setTitle(chart.getTitle() + ": every run diverged");
        }
        return ran;
    }

    /** "ours", or "ours (diverged: k=3, 5)": a point missing from the chart is said, not silently dropped. */
    private static String ours(Map<Integer, RunResult> results) {
        List<String> diverged = results.entrySet().stream()
                .filter(e -> e.getValue().diverged())
                .map(e -> String.valueOf(e.getKey()))
                .toList();
        return diverged.isEmpty() ? "ours" : "ours (diverged: k=" + String.join(", ", diverged) + ")";
    }

    private static XYChart chart(String title, String yLabel) {
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(420)
                .title(title)
                .xAxisTitle("k (trainable units of the bottleneck)")
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    private static void authors(XYChart chart, int column) {
        XYSeries s =
                chart.addSeries("authors' log (seed code)", new double[] {AUTHORS[1][0], AUTHORS[0][0]}, new double[] {
                    AUTHORS[1][column], AUTHORS[0][column]
                });
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
    }

    private static double[] ks(Map<Integer, RunResult> results) {
        return results.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    }
}
