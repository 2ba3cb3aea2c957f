package ai.dfalab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.layers.Init;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.Tiny224;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.report.ImageShape;
import ai.dfalab.report.ImageTiles;
import java.awt.image.BufferedImage;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Gradient ascent on the input raises every filter's mean activation, and leaves the network as it was. */
class FilterVisualizerTest {
    private static final VggSpec SPEC = VggSpec.small(10).withWidthDivisor(8).withSeed(1);

    @Test
    void ascentIncreasesEveryFiltersMeanActivation() {
        BlockNetwork net = Vgg16.build(SPEC);
        INDArray params = net.net().params().dup();
        INDArray start = FilterVisualizer.maximise(net, 1, new FilterVisualizer.Settings(0, 1, 0, 3));
        INDArray end = FilterVisualizer.maximise(net, 1, new FilterVisualizer.Settings(15, 0.5, 0, 3));
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
                        () -> FilterVisualizer.maximise(net, pool, FilterVisualizer.Settings.paper()))
                .getMessage()
                .contains("not a convolution"));
    }

    @Test
    void imagesTakeTheNetworksInputShape() {
        assertEquals(new ImageShape(3, 32, 32), FilterVisualizer.inputShape(Vgg16.build(SPEC)));
        assertEquals(
                new ImageShape(3, 64, 64),
                FilterVisualizer.inputShape(Vgg16.build(SPEC.withSide(64).withWidthDivisor(64))));
        assertEquals(
                new ImageShape(3, 224, 224), FilterVisualizer.inputShape(Tiny224.build(1, Init.HE, new Sgd(0), 2)));
        BlockNetwork wide = oneConvolution(1, 12, 20);
        assertEquals(new ImageShape(1, 12, 20), FilterVisualizer.inputShape(wide));
        INDArray images = FilterVisualizer.maximise(wide, 0, new FilterVisualizer.Settings(2, 1, 0, 3));
        assertArrayEquals(new long[] {2, 12 * 20}, images.shape(), "one 1 x 12 x 20 image per filter");
    }

    @Test
    void aNetworkWithoutImageInputsHasNoImageShape() {
        BlockNetwork fc = FcNetworks.build(FcSpec.fc3x800Mnist());
        String message = assertThrows(IllegalArgumentException.class, () -> FilterVisualizer.inputShape(fc))
                .getMessage();
        assertTrue(message.startsWith("net: its first layer does not take flat images"), message);
    }

    @Test
    void tilesAreLaidOutInAGridAndStretchedToTheFullRange() {
        BlockNetwork net = Vgg16.build(SPEC);
        INDArray kernels = net.net().getLayer(0).getParam("W"); // first-layer kernels: 8 x 3 x 3 x 3
        BufferedImage img = ImageTiles.kernels(kernels, 4, 5);
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
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageTiles.grid(kernels.reshape('c', 8, 27), new ImageShape(3, 4, 4), 4, 5));
    }

    /** One 3x3 convolution of 2 filters (a feedback point) and a softmax, on {@code channels x height x width}. */
    private static BlockNetwork oneConvolution(int channels, int height, int width) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(2)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(height, width, channels))
                .build());
        net.init();
        return new BlockNetwork(net, new int[] {0}, new long[] {(long) channels * height * width});
    }
}
