package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.probe.FilterVisualizer;
import ai.dfalab.report.ImageShape;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The figure at the network's own input size: BP's grid on the left, DFA's on the right, every pixel taken from its
 * filter's image. Narrow VGG-16s (1/16 of the filters, tiny head) keep a 224x224 ascent to seconds.
 */
class Figure3Test {
    private static final FilterVisualizer.Settings FEW_STEPS = new FilterVisualizer.Settings(3, 1, 0, 7);
    private static final VggSpec NARROW =
            VggSpec.imageNet(10).withWidthDivisor(16).withFcHidden(new int[] {8, 8});

    @Test
    void theFigureShowsTheSlowerDfaRunWhereThePapersRateDivergedAndTheLongerLastFiniteWhereBothDid() {
        Map<String, RunSpec> runs = Table3.runs(Table3.choose(Scale.SMOKE));
        List<RunSpec> asked = new ArrayList<>();
        Function<RunSpec, RunResult> finite = spec -> {
            asked.add(spec);
            return new RunResult(spec, List.of(), RunResult.Status.FINISHED, null, Map.of());
        };
        assertEquals("DFA", Figure3.dfaRun(runs, finite).toString());
        assertEquals(List.of(runs.get("DFA")), asked);

        Function<RunSpec, RunResult> divergesAtTheRate =
                spec -> spec.learningRate() < 1e-2 ? finite.apply(spec) : diverged(spec, 0, 1, 177);
        assertEquals("DFA, lr 1e-3", Figure3.dfaRun(runs, divergesAtTheRate).name());

        // the CPU row: the paper's rate overflows in epoch 1, a tenth of it in epoch 8 after 7 finite epochs
        Function<RunSpec, RunResult> both =
                spec -> spec.learningRate() < 1e-2 ? diverged(spec, 7, 8, 15) : diverged(spec, 0, 1, 177);
        Figure3.DfaRun shown = Figure3.dfaRun(runs, both);
        assertEquals("DFA, lr 1e-3", shown.name());
        assertEquals(
                "DFA, lr 1e-3 at the end of epoch 7, the last before it diverged at epoch 8 (step 15): loss NaN",
                shown.toString());

        Function<RunSpec, RunResult> always = spec -> diverged(spec, 0, 2, 5);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> Figure3.dfaRun(runs, always));
        assertTrue(
                none.getMessage().startsWith("no finite DFA network to show: DFA: diverged at epoch 2")
                        && none.getMessage().contains("; DFA, lr 1e-3: diverged"),
                none.getMessage());
    }

    /** A run that diverged at {@code epoch}, {@code step} after {@code finished} finite epochs. */
    private static RunResult diverged(RunSpec spec, int finished, int epoch, int step) {
        List<EpochMetrics> epochs = IntStream.range(0, finished)
                .mapToObj(
                        e -> new EpochMetrics(e, 2, 0.1, 0.1, 0.1, new double[] {0}, new double[] {0}, 60, 5, 2, 1e-3))
                .toList();
        return new RunResult(
                spec, epochs, RunResult.Status.DIVERGED, new RunResult.Divergence(epoch, step, "loss NaN"), Map.of());
    }

    @Test
    void figureOfA224NetworkHasOne224TilePerFilterFromItsImage() {
        assertFigure(NARROW, new ImageShape(3, 224, 224), 1);
    }

    @Test
    void figureOfA64NetworkWrapsItsTilesIntoRows() {
        assertFigure(NARROW.withSide(64).withWidthDivisor(4), new ImageShape(3, 64, 64), 1);
    }

    @Test
    void figureOf32ImagesIsLaidOutAsBefore() {
        assertFigure(NARROW.withSide(32).withWidthDivisor(8), new ImageShape(3, 32, 32), 3);
    }

    @Test
    void bpAndDfaMustShareAnImageShape() {
        Figure3.Filters bp = Figure3.filters(Vgg16.build(NARROW.withSide(32)), Figure3.SECOND_CONV, FEW_STEPS);
        Figure3.Filters dfa = Figure3.filters(Vgg16.build(NARROW.withSide(64)), Figure3.SECOND_CONV, FEW_STEPS);
        String message = assertThrows(IllegalArgumentException.class, () -> Figure3.figure(bp, dfa))
                .getMessage();
        assertTrue(message.startsWith("dfa: its images are 3 x 64 x 64 but BP's are 3 x 32 x 32"), message);
    }

    /** BP and DFA stand for two differently seeded networks of {@code spec}, so their tiles differ. */
    private static void assertFigure(VggSpec spec, ImageShape shape, int scale) {
        Figure3.Filters bp = Figure3.filters(Vgg16.build(spec.withSeed(1)), Figure3.SECOND_CONV, FEW_STEPS);
        Figure3.Filters dfa = Figure3.filters(Vgg16.build(spec.withSeed(2)), Figure3.SECOND_CONV, FEW_STEPS);
        assertEquals(shape, bp.shape());
        assertEquals(scale, Figure3.tileScale(shape));
        int filters = 64 / spec.widthDivisor();
        int rows = (filters + Figure3.COLUMNS - 1) / Figure3.COLUMNS;
        int tileWidth = shape.width() * scale + 2;
        int tileHeight = shape.height() * scale + 2;
        int gridWidth = 2 + Figure3.COLUMNS * tileWidth; // as ImageTiles.grid(images, 32, 32, 8, 3) drew at 32x32
        BufferedImage figure = Figure3.figure(bp, dfa);
        assertEquals(2 * gridWidth + 24, figure.getWidth());
        assertEquals(2 + rows * tileHeight, figure.getHeight());
        int[][] probes = {
            {0, 0}, {shape.width() - 1, 0}, {0, shape.height() - 1}, {shape.width() / 3, shape.height() / 2}
        };
        boolean differ = false;
        for (int f = 0; f < filters; f++) {
            int x0 = 2 + (f % Figure3.COLUMNS) * tileWidth;
            int y0 = 2 + (f / Figure3.COLUMNS) * tileHeight;
            for (int[] p : probes) {
                int bpRgb = figure.getRGB(x0 + p[0] * scale, y0 + p[1] * scale) & 0xFFFFFF;
                int dfaRgb = figure.getRGB(gridWidth + 24 + x0 + p[0] * scale, y0 + p[1] * scale) & 0xFFFFFF;
                assertEquals(rgb(bp.images().getRow(f), shape, p[0], p[1]), bpRgb, "BP filter " + f);
                assertEquals(rgb(dfa.images().getRow(f), shape, p[0], p[1]), dfaRgb, "DFA filter " + f);
                differ |= bpRgb != dfaRgb;
            }
        }
        assertTrue(differ, "BP's and DFA's tiles are told apart");
        assertNotEquals(bp.images(), dfa.images());
    }

    /** Pixel (x, y) of one filter image, stretched to the full range over the whole image, as RGB. */
    private static int rgb(INDArray image, ImageShape shape, int x, int y) {
        float min = image.minNumber().floatValue();
        float range = image.maxNumber().floatValue() - min;
        int p = y * shape.width() + x;
        int plane = shape.height() * shape.width();
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | Math.round(255 * (image.getFloat(c * plane + p) - min) / range);
        }
        return rgb;
    }
}
