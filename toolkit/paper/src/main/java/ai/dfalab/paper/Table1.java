package ai.dfalab.paper;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Vgg16;
import java.util.Arrays;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 of the paper: memory of DFA's feedback weights, naive (one matrix per layer) vs the unified matrix; and,
 * beyond the paper, the feedback kinds that store no matrix (seeded, structured).
 */
public final class Table1 {
    /** The paper's figures for VGG-16 on ImageNet, in GB. */
    public static final double PAPER_NAIVE_GB = 55;

    public static final double PAPER_UNIFIED_GB = 13;

    private Table1() {}

    /**
     * VGG-16 for 224 x 224 ImageNet (e = 1000): sizes, sum and max of {@code l_i}, and the memory of each kind, computed:
     * the paper's two (naive, unified), then the two that regenerate their feedback (no paper figure).
     */
    public static Table vgg16(int classes) {
        int[] sizes = Vgg16.feedbackSizes(224);
        long sum = Arrays.stream(sizes).asLongStream().sum();
        long max = Arrays.stream(sizes).max().orElseThrow();
        FeedbackKind[] kinds = {
            FeedbackKind.PER_LAYER, FeedbackKind.UNIFIED, FeedbackKind.SEEDED, FeedbackKind.STRUCTURED
        };
        long[] bytes =
                Arrays.stream(kinds).mapToLong(k -> k.bytesFor(sizes, classes)).toArray();
        return Table.create(
                "Table 1: feedback memory of VGG-16 (ImageNet, e = " + classes + ", fp32)",
                StringColumn.create(
                        "implementation",
                        "naive (4 e sum l_i)",
                        "unified (4 e l_max)",
                        "seeded (one block of rows, regenerated)",
                        "structured (Fastfood, regenerated)"),
                LongColumn.create("rows stored", sum, max, bytes[2] / (4L * classes), 0),
                LongColumn.create("bytes", bytes),
                DoubleColumn.create(
                        "GB (ours)",
                        Arrays.stream(bytes).mapToDouble(b -> b / 1e9).toArray()),
                DoubleColumn.create("GB (paper)", PAPER_NAIVE_GB, PAPER_UNIFIED_GB, Double.NaN, Double.NaN));
    }

    /** One row per VGG-16 feedback point: name, shape, {@code l_i}. */
    public static Table vgg16Points() {
        var points = Vgg16.feedbackPoints(224);
        return Table.create(
                "VGG-16 feedback points (224 x 224 input)",
                StringColumn.create(
                        "point", points.stream().map(Vgg16.Point::name).toArray(String[]::new)),
                StringColumn.create(
                        "shape",
                        points.stream()
                                .map(p -> p.channels() + "x" + p.height() + "x" + p.width())
                                .toArray(String[]::new)),
                LongColumn.create(
                        "l_i", points.stream().mapToLong(Vgg16.Point::size).toArray()));
    }

    /**
     * Every stored-weight kind built for real on {@code sizes} (small enough for this machine): the bytes each object
     * reports, the bytes of the distinct ND4J buffers behind it (a view shares its parent's memory), and the
     * formula's. (The process's resident-memory growth was tried too: JIT, heap and reused pages swamp it.)
     */
    public static Table measured(int[] sizes, int classes) {
        StringColumn kind = StringColumn.create("implementation");
        LongColumn reported = LongColumn.create("bytes reported");
        LongColumn buffers = LongColumn.create("bytes in ND4J buffers");
        LongColumn formula = LongColumn.create("bytes by the formula");
        for (FeedbackKind k : new FeedbackKind[] {
            FeedbackKind.PER_LAYER, FeedbackKind.UNIFIED, FeedbackKind.SEEDED, FeedbackKind.STRUCTURED
        }) {
            Feedback f = k.create(sizes, classes, 0);
            kind.append(k.id());
            reported.append(f.bytes());
            buffers.append(distinctBytes(f));
            formula.append(k.bytesFor(sizes, classes));
        }
        return Table.create(
                "Feedback weights built for l_i = " + Arrays.toString(sizes) + ", e = " + classes,
                kind,
                reported,
                buffers,
                formula);
    }

    /** Bytes of the distinct underlying ND4J buffers of {@code f}: views resolve to the buffer they look into. */
    static long distinctBytes(Feedback f) {
        java.util.Map<Long, Long> byAddress = new java.util.HashMap<>();
        for (var buffer : f.buffers()) {
            var root = buffer.originalDataBuffer() != null ? buffer.originalDataBuffer() : buffer;
            byAddress.put(root.platformAddress(), root.length() * root.getElementSize());
        }
        return byAddress.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The two memories for VGG-16, ours and the paper's, on a log axis. */
    public static CategoryChart chart(int classes) {
        Table t = vgg16(classes);
        CategoryChart chart = new CategoryChartBuilder()
                .width(640)
                .height(400)
                .title("Feedback memory, VGG-16 on ImageNet")
                .yAxisTitle("GB (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(1.0);
        var names = java.util.List.of("naive", "unified");
        chart.addSeries(
                "ours (computed)",
                names,
                java.util.List.of(
                        t.doubleColumn("GB (ours)").get(0),
                        t.doubleColumn("GB (ours)").get(1)));
        chart.addSeries("paper", names, java.util.List.of(PAPER_NAIVE_GB, PAPER_UNIFIED_GB));
        return chart;
    }
}
