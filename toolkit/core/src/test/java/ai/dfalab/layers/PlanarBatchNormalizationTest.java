package ai.dfalab.layers;

import static ai.dfalab.layers.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The planar batch normalisation computes what DL4J's own layer computes, pass for pass and step for step. */
class PlanarBatchNormalizationTest {
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    @ParameterizedTest(name = "log10 std {0}, {1} channels, side {2}")
    @CsvSource({"true, 4, 7", "false, 4, 7", "true, 3, 15"})
    void forwardAndBackwardEqualDl4jsBatchNorm(boolean logStd, int channels, int side) {
        MultiLayerNetwork dl4jNet = network(false, logStd, channels, side, DataType.FLOAT);
        MultiLayerNetwork planarNet = network(true, logStd, channels, side, DataType.FLOAT);
        Nd4j.getRandom().setSeed(5);
        dl4jNet.setParams(Nd4j.rand(DataType.FLOAT, dl4jNet.params().shape())
                .subi(0.5)); // non-trivial gamma, beta, running stats
        planarNet.setParams(dl4jNet.params().dup());
        Layer dl4j = dl4jNet.getLayer(1);
        PlanarBatchNormalizationLayer planar = (PlanarBatchNormalizationLayer) planarNet.getLayer(1);
        assertTrue(planar.planar());
        INDArray x =
                Nd4j.randn(DataType.FLOAT, 6, channels, side, side).muli(0.7).addi(0.3);

        assertClose(dl4j.activate(x.dup(), true, NO_WS), planar.activate(x.dup(), true, NO_WS), "training forward");
        INDArray eps = Nd4j.randn(DataType.FLOAT, x.shape());
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(eps.dup(), NO_WS);
        Pair<Gradient, INDArray> a = planar.backpropGradient(eps.dup(), NO_WS);
        assertClose(e.getSecond(), a.getSecond(), "gradient at the input");
        for (String param : e.getFirst().gradientForVariable().keySet()) {
            assertClose(e.getFirst().getGradientFor(param), a.getFirst().getGradientFor(param), "gradient of " + param);
        }
        assertEquals(
                e.getFirst().gradientForVariable().keySet(),
                a.getFirst().gradientForVariable().keySet());
        assertTrue(a.getFirst()
                .gradientForVariable()
                .containsKey(
                        logStd
                                ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                                : BatchNormalizationParamInitializer.GLOBAL_VAR));
        assertClose(dl4j.activate(x.dup(), false, NO_WS), planar.activate(x.dup(), false, NO_WS), "inference forward");
    }

    @Test
    void backpropWithoutATrainingForwardTakesTheBatchStatisticsFromTheInput() {
        MultiLayerNetwork dl4jNet = network(false, true, 2, 5, DataType.FLOAT);
        PlanarBatchNormalizationLayer planar = (PlanarBatchNormalizationLayer)
                network(true, true, 2, 5, DataType.FLOAT).getLayer(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 2, 5, 5);
        INDArray eps = Nd4j.randn(DataType.FLOAT, x.shape());
        dl4jNet.getLayer(1).activate(x.dup(), true, NO_WS);
        INDArray expected =
                dl4jNet.getLayer(1).backpropGradient(eps.dup(), NO_WS).getSecond();
        planar.activate(x.dup(), true, NO_WS);
        planar.backpropGradient(eps.dup(), NO_WS); // spends the kept statistics
        planar.setInput(x.dup(), NO_WS);
        assertClose(expected, planar.backpropGradient(eps.dup(), NO_WS).getSecond(), "gradient at the input");
    }

    @Test
    void trainingStepsMoveEveryParameterAsDl4jsLayerDoes() {
        MultiLayerNetwork dl4jNet = network(false, true, 4, 9, DataType.FLOAT);
        MultiLayerNetwork planarNet = network(true, true, 4, 9, DataType.FLOAT);
        planarNet.setParams(dl4jNet.params().dup());
        Nd4j.getRandom().setSeed(8);
        for (int step = 0; step < 4; step++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3, 9, 9);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
            for (int i = 0; i < 8; i++) {
                y.putScalar(i, i % 3, 1);
            }
            dl4jNet.fit(x, y);
            planarNet.fit(x, y);
        }
        for (String param : dl4jNet.paramTable().keySet()) {
            assertClose(dl4jNet.getParam(param), planarNet.getParam(param), "after 4 steps, " + param);
        }
        assertFalse(
                dl4jNet.getParam("1_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        .equals(Nd4j.zeros(DataType.FLOAT, 1, 4)),
                "the running mean moved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DOUBLE"})
    void otherPrecisionsTakeDl4jsOwnPath(DataType type) {
        PlanarBatchNormalizationLayer layer =
                (PlanarBatchNormalizationLayer) network(true, true, 2, 5, type).getLayer(1);
        assertFalse(layer.planar());
        assertEquals(
                type, layer.activate(Nd4j.randn(type, 2, 2, 5, 5), true, NO_WS).dataType());
    }

    @Test
    void theConfigurationSurvivesDl4jsJson() {
        MultiLayerNetwork net = network(true, false, 2, 5, DataType.FLOAT);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(
                net.getLayerWiseConfigurations().toJson());
        BatchNormalization bn = (BatchNormalization) back.getConf(1).getLayer();
        assertEquals(PlanarBatchNormalization.class, bn.getClass());
        assertFalse(bn.isUseLogStd());
        MultiLayerNetwork restored = new MultiLayerNetwork(back);
        restored.init(net.params().dup(), false);
        assertTrue(restored.getLayer(1) instanceof PlanarBatchNormalizationLayer);
    }

    /** A convolution, the batch norm under test (layer 1), and a softmax output. */
    private static MultiLayerNetwork network(boolean planar, boolean logStd, int channels, int side, DataType type) {
        BatchNormalization bn = planar ? new PlanarBatchNormalization() : new BatchNormalization();
        bn.setUseLogStd(logStd);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(type)
                .updater(new Sgd(0.1))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nIn(3)
                        .nOut(channels)
                        .padding(1, 1)
                        .activation(Activation.TANH)
                        .build())
                .layer(bn)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(side, side, 3))
                .build());
        net.init();
        net.initGradientsView();
        return net;
    }
}
