package ai.dfalab.paper;

import ai.dfalab.models.BlockNetwork;
import ai.dfalab.probe.FilterVisualizer;
import ai.dfalab.report.ImageShape;
import ai.dfalab.report.ImageTiles;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 3 of the paper: inputs that maximise the filters of VGG-16's second convolution (conv1_2, DL4J layer 1)
 * after BP and after DFA training, with how strongly each filter answers its image before and after the ascent.
 */
public final class Figure3 {
    /** DL4J layer of VGG-16's second convolution, conv1_2. */
    public static final int SECOND_CONV = 1;

    /** Filter images a row in each network's grid. */
    static final int COLUMNS = 8;

    /** Smaller inputs are enlarged to tiles of about this side (32x32 three times); larger ones drawn as they are. */
    private static final int TILE_PIXELS = 96;

    /** White between BP's grid and DFA's. */
    private static final int SEPARATION = 24;

    /**
     * One network's filter images (rows, each of the network's input {@code shape}) and each filter's mean activation
     * on its image, at the start and after.
     */
    public record Filters(INDArray images, ImageShape shape, double[] start, double[] end) {}

    private Figure3() {}

    /**
     * The DFA network the figure shows: run {@code name} of Table 3 ({@link Table3#runs}), its {@code result}; where
     * that diverged, at the end of its last finite epoch ({@link ai.dfalab.run.Experiment#lastFinite}).
     */
    public record DfaRun(String name, RunResult result) {
        /** E.g. "DFA, lr 1e-3 at the end of epoch 7, the last before it diverged (at epoch 8, step 15: ...)". */
        @Override
        public String toString() {
            return result.diverged()
                    ? name + " at the end of epoch " + result.epochs().size() + ", the last before it "
                            + result.describe()
                    : name;
        }
    }

    /**
     * Which of Table 3's DFA runs the figure shows: {@code DFA}, or, where that diverged (at the paper's learning rate
     * the full-width VGG-16's weights overflow in the first epoch), {@code DFA, lr 1e-3}, the same rule at a tenth of
     * the rate; where both diverged (the CPU row's full-width runs), the one that finished more epochs first, at the
     * end of its last finite epoch: a DFA network as far as DFA took it. {@code run} gives a run's result: the {@code
     * run} of an experiment {@linkplain ai.dfalab.run.Experiment#keepingWeights keeping weights}.
     *
     * @throws IllegalStateException if both diverged in their first epoch: DFA left no finite network to show
     */
    public static DfaRun dfaRun(Map<String, RunSpec> runs, Function<RunSpec, RunResult> run) {
        List<DfaRun> diverged = new ArrayList<>();
        for (String name : List.of(Table3.DFA, Table3.DFA_LOWER_LR)) {
            RunResult r = run.apply(runs.get(name));
            if (!r.diverged()) {
                return new DfaRun(name, r);
            }
            diverged.add(new DfaRun(name, r));
        }
        return diverged.stream()
                .filter(d -> !d.result().epochs().isEmpty())
                .max(Comparator.comparingInt(d -> d.result().epochs().size()))
                .orElseThrow(() -> new IllegalStateException("no finite DFA network to show: "
                        + diverged.stream()
                                .map(d -> d.name() + ": " + d.result().describe())
                                .collect(Collectors.joining("; "))));
    }

    public static Filters filters(BlockNetwork net, int layer, FilterVisualizer.Settings settings) {
        FilterVisualizer.Settings none =
                new FilterVisualizer.Settings(0, settings.stepSize(), settings.l2(), settings.seed());
        INDArray images = FilterVisualizer.maximise(net, layer, settings);
        return new Filters(
                images,
                FilterVisualizer.inputShape(net),
                FilterVisualizer.meanActivations(net, layer, FilterVisualizer.maximise(net, layer, none)),
                FilterVisualizer.meanActivations(net, layer, images));
    }

    /**
     * The figure as the paper lays it out: BP's filter images on the left, DFA's on the right, each network's in a
     * grid of {@link #COLUMNS} tiles a row, filter 0 first.
     */
    public static BufferedImage figure(Filters bp, Filters dfa) {
        if (!bp.shape().equals(dfa.shape())) {
            throw new IllegalArgumentException("dfa: its images are " + dfa.shape() + " but BP's are " + bp.shape()
                    + "; the figure compares one network trained two ways");
        }
        int scale = tileScale(bp.shape());
        BufferedImage left = ImageTiles.grid(bp.images(), bp.shape(), COLUMNS, scale);
        BufferedImage right = ImageTiles.grid(dfa.images(), dfa.shape(), COLUMNS, scale);
        BufferedImage both = new BufferedImage(
                left.getWidth() + SEPARATION + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth() + SEPARATION, 0, null);
        g.dispose();
        return both;
    }

    /** How many times {@link #figure} enlarges images of {@code shape}: 3 for 32x32, 1 from 49x49 up. */
    static int tileScale(ImageShape shape) {
        return Math.max(1, TILE_PIXELS / Math.max(shape.height(), shape.width()));
    }

    /** Per filter: mean activation on its random start image and on its maximising image, BP beside DFA. */
    public static Table activations(Filters bp, Filters dfa) {
        Table t = Table.create("Mean activation of each filter on its image: random start and after the ascent");
        t.addColumns(
                IntColumn.create("filter", IntStream.range(0, bp.end().length).toArray()),
                DoubleColumn.create("BP start", bp.start()),
                DoubleColumn.create("BP after", bp.end()),
                DoubleColumn.create("DFA start", dfa.start()),
                DoubleColumn.create("DFA after", dfa.end()));
        for (int c = 1; c < t.columnCount(); c++) {
            ((DoubleColumn) t.column(c)).setPrintFormatter(new java.text.DecimalFormat("0.000"), "NaN");
        }
        return t;
    }

    /** {@code |W - W0| / |W0|}: how far training moved weights from their initial values. */
    public static double relativeChange(INDArray w, INDArray w0) {
        return w.sub(w0).norm2Number().doubleValue() / w0.norm2Number().doubleValue();
    }
}
