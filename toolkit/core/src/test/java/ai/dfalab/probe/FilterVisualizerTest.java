package ai.dfalab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.report.ImageTiles;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradient ascent on the input raises every filter's mean activation, and leaves the network as it was. */
class FilterVisualizerTest {
    private static final VggSpec SPEC = VggSpec.small(10).withWidthDivisor(8).withSeed(1);

    @Test
    void ascentIncreasesEveryFiltersMeanActivation() {
        BlockNetwork net = Vgg16.build(SPEC);
        INDArray params = net.net().params().dup();
        INDArray start = FilterVisualizer.maximise(net, 1, SPEC.inputs(), new FilterVisualizer.Settings(0, 1, 0, 3));
        INDArray end = FilterVisualizer.maximise(net, 1, SPEC.inputs(), new FilterVisualizer.Settings(15, 0.5, 0, 3));
        double[] before = FilterVisualizer.meanActivations(net, 1, start);
        double[] after = FilterVisualizer.meanActivations(net, 1, end);
        assertEquals(8, after.length, "conv1_2 has 64 / 8 filters");
        for (int f = 0; f < after.length; f++) {
            assertTrue(after[f] > before[f] + 0.1, "filter " + f + ": " + before[f] + " -> " + after[f]);
        }
        assertEquals(params, net.net().params(), "weights untouched");
    }

    @Test
    void onlyConvolutionsHaveFilters() {
        BlockNetwork net = Vgg16.build(SPEC);
        int pool = net.pointLayer(1);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> FilterVisualizer.maximise(net, pool, SPEC.inputs(), FilterVisualizer.Settings.paper()))
                .getMessage()
                .contains("not a convolution"));
    }

    @Test
    void tilesAreLaidOutInAGridAndStretchedToTheFullRange() {
        BlockNetwork net = Vgg16.build(SPEC);
        INDArray kernels =
                net.net().getLayer(0).getParam("W").reshape('c', 8, 27); // first-layer kernels: 8 x 3 x 3 x 3
        BufferedImage img = ImageTiles.grid(kernels, 3, 3, 4, 5);
        assertEquals(2 + 4 * (15 + 2), img.getWidth());
        assertEquals(2 + 2 * (15 + 2), img.getHeight());
        int brightest = 0;
        for (int y = 2; y < 17; y++) {
            for (int x = 2; x < 17; x++) {
                int rgb = img.getRGB(x, y);
                brightest = Math.max(brightest, Math.max((rgb >> 16) & 255, Math.max((rgb >> 8) & 255, rgb & 255)));
            }
        }
        assertEquals(255, brightest);
        assertThrows(IllegalArgumentException.class, () -> ImageTiles.grid(kernels, 4, 4, 4, 5));
    }
}
