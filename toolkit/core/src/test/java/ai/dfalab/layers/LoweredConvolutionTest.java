package ai.dfalab.layers;

import static ai.dfalab.layers.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The lowered convolution computes what DL4J's own convolution layer computes, pass for pass. */
class LoweredConvolutionTest {
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    /** kernel, stride, padding, mode, activation, bias, input side, input dropout */
    @ParameterizedTest(name = "k{0} s{1} p{2} {3} {4} bias={5} side {6} dropout={7}")
    @CsvSource({
        "5, 1, 2, Truncate, TANH, true, 16, false", // Table 4's convolutions
        "3, 1, 1, Truncate, RELU, true, 12, false", // VGG-16's
        "3, 2, 0, Truncate, IDENTITY, false, 13, false", // stride 2, odd size, no padding, no bias
        "3, 2, 0, Same, TANH, true, 9, false", // DL4J's Same mode pads for itself
        "5, 1, 2, Truncate, TANH, true, 8, true", // spatial dropout on the input
        "3, 1, 1, Truncate, LEAKYRELU, true, 10, false", // an activation whose derivative needs the pre-activations
        "3, 1, 1, Truncate, SIGMOID, false, 10, false"
    })
    void forwardAndBackwardEqualDl4jsConvolution(
            int k, int stride, int pad, ConvolutionMode mode, Activation act, boolean bias, int side, boolean dropout) {
        Layer dl4j = layer(false, k, stride, pad, mode, act, bias, side, dropout);
        LoweredConvolutionLayer lowered =
                (LoweredConvolutionLayer) layer(true, k, stride, pad, mode, act, bias, side, dropout);
        assertTrue(lowered.lowered());
        lowered.setParams(dl4j.params().dup());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, side, side);

        INDArray expected = dl4j.activate(x.dup(), true, NO_WS);
        INDArray actual = lowered.activate(x.dup(), true, NO_WS);
        assertClose(expected, actual, "forward");
        INDArray eps = Nd4j.randn(DataType.FLOAT, expected.shape());
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(eps.dup(), NO_WS);
        Pair<Gradient, INDArray> a = lowered.backpropGradient(eps.dup(), NO_WS);
        assertClose(e.getFirst().getGradientFor("W"), a.getFirst().getGradientFor("W"), "dW");
        if (bias) {
            assertClose(e.getFirst().getGradientFor("b"), a.getFirst().getGradientFor("b"), "db");
        }
        assertClose(e.getSecond(), a.getSecond(), "gradient at the input");
        assertClose(dl4j.activate(x.dup(), false, NO_WS), lowered.activate(x.dup(), false, NO_WS), "inference forward");
    }

    @ParameterizedTest(name = "{1}, kept forward pass: {0}")
    @CsvSource({"true, TANH", "false, TANH", "false, RELU", "false, LEAKYRELU"})
    void weightsOnlyBackpropGivesTheSameGradientsWithoutTheInputGradient(boolean forwardFirst, Activation act) {
        LoweredConvolutionLayer lowered =
                (LoweredConvolutionLayer) layer(true, 5, 1, 2, ConvolutionMode.Truncate, act, true, 10, false);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 10, 10);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 4, 4, 10, 10);
        lowered.activate(x, true, NO_WS);
        INDArray full = lowered.backpropGradient(eps.dup(), NO_WS)
                .getFirst()
                .getGradientFor("W")
                .dup();
        if (forwardFirst) {
            lowered.activate(x, true, NO_WS);
        } // else: what the forward pass kept is spent, so the backward pass recomputes it
        Pair<Gradient, INDArray> weights = lowered.backpropWeights(eps.dup(), NO_WS);
        assertNull(weights.getSecond());
        assertClose(full, weights.getFirst().getGradientFor("W"), "dW");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DOUBLE"})
    void otherPrecisionsTakeDl4jsOwnPath(DataType type) {
        MultiLayerNetwork net = network(true, 3, 1, 1, ConvolutionMode.Truncate, Activation.TANH, true, 8, false, type);
        assertFalse(((LoweredConvolutionLayer) net.getLayer(0)).lowered());
        INDArray out = net.getLayer(0).activate(Nd4j.randn(type, 2, 3, 8, 8), false, NO_WS);
        assertEquals(type, out.dataType());
    }

    private static Layer layer(
            boolean lowered,
            int k,
            int stride,
            int pad,
            ConvolutionMode mode,
            Activation act,
            boolean bias,
            int side,
            boolean dropout) {
        return network(lowered, k, stride, pad, mode, act, bias, side, dropout, DataType.FLOAT)
                .getLayer(0);
    }

    private static MultiLayerNetwork network(
            boolean lowered,
            int k,
            int stride,
            int pad,
            ConvolutionMode mode,
            Activation act,
            boolean bias,
            int side,
            boolean dropout,
            DataType type) {
        ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(k, k)
                .nIn(3)
                .nOut(4)
                .stride(stride, stride)
                .padding(pad, pad)
                .convolutionMode(mode)
                .hasBias(bias)
                .activation(act);
        if (dropout) {
            conv.dropOut(SeededDropout.spatial(0.6, 11));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(type)
                .list()
                .layer(lowered ? new LoweredConvolution(conv) : conv.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(side, side, 3))
                .build());
        net.init();
        net.initGradientsView();
        return net;
    }
}
