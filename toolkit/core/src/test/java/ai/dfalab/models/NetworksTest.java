package ai.dfalab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.TrainingRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class NetworksTest {
    private static final ModelSpec CNN = ModelSpec.of(Architecture.CNN);

    private static BlockNetwork build(ModelSpec model) {
        return Networks.build(model, DatasetName.CIFAR10, new Sgd(5e-4), 0, Path.of("no-data-needed"));
    }

    @Test
    void cnnRunsBuildTheTable4NetworkWithOrWithoutTheClassifierPoint() {
        assertArrayEquals(new int[] {7200, 3136, 576, 128}, build(CNN).pointSizes());
        assertArrayEquals(
                new int[] {7200, 3136, 576}, build(CNN.withHeadByBp(true)).pointSizes());
        CnnSpec dropout =
                Networks.cnn(CNN.withDropout(0.1, 0.5).withBatchNorm(true), DatasetName.CIFAR10, new Sgd(1e-3), 7);
        assertEquals(0.1, dropout.inputDropout());
        assertEquals(0, dropout.convDropout());
        assertEquals(0.5, dropout.hiddenDropout());
        assertTrue(dropout.batchNorm());
        assertEquals(7, dropout.seed());
        assertEquals(10, dropout.classes());
        assertEquals(
                100, Networks.cnn(CNN, DatasetName.CIFAR100, new Sgd(1e-3), 7).classes());
        assertTrue(CNN.label().startsWith("cnn tanh"), CNN.label());
    }

    @Test
    void settingsThatDoNotApplyAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CNN.withBottleneckK(5))
                .getMessage()
                .contains("bottleneckK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.parse("vgg"))
                .getMessage()
                .contains("unknown model 'vgg'"));
        assertEquals(Architecture.VGG16_SMALL_W8, Architecture.parse("VGG16-Small-W8"));
        assertThrows(
                IllegalStateException.class,
                () -> build(CNN.withHeadByBp(true))
                        .withoutLastPoint()
                        .withoutLastPoint()
                        .withoutLastPoint()
                        .withoutLastPoint());
    }

    /**
     * fc3x800 with {@code headByBp}: two feedback points; after one step from the same weights the last hidden layer
     * and the output layer equal BP's step (they learn by BP), the first layer does not; the engine and DL4J layers agree.
     */
    @Test
    void fcHeadByBpTrainsTheLastHiddenLayerByBackprop() {
        ModelSpec spec = ModelSpec.fc3x800().withHeadByBp(true);
        BlockNetwork dfaNet = build(spec);
        assertArrayEquals(new int[] {800, 800}, dfaNet.pointSizes());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, 3072);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
        for (int n = 0; n < 64; n++) {
            y.putScalar(n, n % 10, 1);
        }
        Feedback feedback = FeedbackKind.UNIFIED.create(dfaNet.pointSizes(), 10, 0);
        TrainingRule dfa = new DirectFeedbackAlignment(feedback, SignalScale.SUM);
        Learner fast = new Learner(dfaNet, dfa);
        assertTrue(fast.onEngine());
        fast.step(x, y);
        BlockNetwork layersNet = build(spec);
        Learner.throughLayers(layersNet, dfa).step(x, y);
        BlockNetwork bpNet = build(spec);
        new Learner(bpNet, new Backprop()).step(x, y);
        for (int layer = 0; layer < 4; layer++) {
            INDArray w = dfaNet.net().getLayer(layer).getParam("W");
            assertEquals(
                    0,
                    w.sub(layersNet.net().getLayer(layer).getParam("W"))
                            .amaxNumber()
                            .doubleValue(),
                    2e-6,
                    "fast vs layers, layer " + layer);
            double fromBp = w.sub(bpNet.net().getLayer(layer).getParam("W"))
                    .amaxNumber()
                    .doubleValue();
            if (layer >= 2) {
                assertEquals(0, fromBp, 2e-6, "layer " + layer + " learns by BP");
            } else {
                assertTrue(fromBp > 1e-4, "layer " + layer + " learns by DFA, not BP: " + fromBp);
            }
        }
    }
}
