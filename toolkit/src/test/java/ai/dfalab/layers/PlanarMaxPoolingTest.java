package ai.dfalab.layers;

import static ai.dfalab.layers.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The planar max pooling computes what DL4J's own subsampling layer computes, forward and backward. */
class PlanarMaxPoolingTest {
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    /** kernel, stride, input height and width */
    @ParameterizedTest(name = "k{0}x{1} s{2}x{3} input {4}x{5}")
    @CsvSource({
            "3, 3, 2, 2, 32, 32",   // Table 4's pools: 32 -> 15
            "3, 3, 2, 2, 7, 7",     // 7 -> 3
            "2, 2, 2, 2, 12, 12",   // VGG-16's
            "2, 3, 1, 2, 9, 10",    // non-square, overlapping rows, a dropped last column
            "3, 3, 1, 1, 6, 5"})
    void forwardAndBackwardEqualDl4jsPooling(int kh, int kw, int sh, int sw, int h, int w) {
        Layer dl4j = layer(false, kh, kw, sh, sw, h, w, ConvolutionMode.Truncate);
        PlanarMaxPoolingLayer planar = (PlanarMaxPoolingLayer) layer(true, kh, kw, sh, sw, h, w, ConvolutionMode.Truncate);
        assertTrue(planar.planar());
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, h, w);
        INDArray expected = dl4j.activate(x.dup(), true, NO_WS);
        assertClose(expected, planar.activate(x.dup(), true, NO_WS), "forward");
        INDArray eps = Nd4j.randn(DataType.FLOAT, expected.shape());
        assertClose(dl4j.backpropGradient(eps.dup(), NO_WS).getSecond(), planar.backpropGradient(eps.dup(), NO_WS).getSecond(),
                "gradient at the input");
        // without a training forward pass of this input, the maxima are searched again
        planar.activate(Nd4j.randn(DataType.FLOAT, 4, 3, h, w), false, NO_WS);
        planar.setInput(x.dup(), NO_WS);
        assertClose(dl4j.backpropGradient(eps.dup(), NO_WS).getSecond(), planar.backpropGradient(eps.dup(), NO_WS).getSecond(),
                "gradient at the input, maxima searched again");
    }

    @Test
    void tiedMaximaSendTheGradientWhereDl4jSendsIt() {
        Layer dl4j = layer(false, 3, 3, 2, 2, 7, 7, ConvolutionMode.Truncate);
        Layer planar = layer(true, 3, 3, 2, 2, 7, 7, ConvolutionMode.Truncate);
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 3, 7, 7);   // saturated tanh units: every window is one tie
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).muli(-1);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 2, 3, 3, 3);
        dl4j.activate(x.dup(), true, NO_WS);
        planar.activate(x.dup(), true, NO_WS);
        assertClose(dl4j.backpropGradient(eps.dup(), NO_WS).getSecond(), planar.backpropGradient(eps.dup(), NO_WS).getSecond(),
                "gradient at the input");
    }

    @Test
    void sameModeAndOtherPrecisionsTakeDl4jsOwnPath() {
        assertFalse(((PlanarMaxPoolingLayer) layer(true, 3, 3, 2, 2, 8, 8, ConvolutionMode.Same)).planar());
        MultiLayerNetwork doubles = network(true, 2, 2, 2, 2, 8, 8, ConvolutionMode.Truncate, DataType.DOUBLE);
        assertFalse(((PlanarMaxPoolingLayer) doubles.getLayer(0)).planar());
    }

    @Test
    void theConfigurationSurvivesDl4jsJson() {
        MultiLayerNetwork net = network(true, 3, 3, 2, 2, 9, 9, ConvolutionMode.Truncate, DataType.FLOAT);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(PlanarMaxPooling.class, back.getConf(0).getLayer().getClass());
        MultiLayerNetwork restored = new MultiLayerNetwork(back);
        restored.init();
        assertTrue(((PlanarMaxPoolingLayer) restored.getLayer(0)).planar());
    }

    private static Layer layer(boolean planar, int kh, int kw, int sh, int sw, int h, int w, ConvolutionMode mode) {
        return network(planar, kh, kw, sh, sw, h, w, mode, DataType.FLOAT).getLayer(0);
    }

    private static MultiLayerNetwork network(boolean planar, int kh, int kw, int sh, int sw, int h, int w, ConvolutionMode mode,
                                             DataType type) {
        SubsamplingLayer.Builder pool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(kh, kw).stride(sh, sw)
                .convolutionMode(mode);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(type).list()
                .layer(planar ? new PlanarMaxPooling(pool) : pool.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(h, w, 3)).build());
        net.init();
        return net;
    }
}
