package ai.dfalab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.Init;
import ai.dfalab.layers.SeededDropout;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FcNetworksTest {

    @Test
    void paperNetworkHasThreeFeedbackPointsOf800() {
        BlockNetwork net = FcNetworks.build(FcSpec.fc3x800Cifar10());
        assertArrayEquals(new int[] {800, 800, 800}, net.pointSizes());
        assertEquals(10, net.classes());
        assertEquals(5, net.net().getnLayers() + 1);
        assertEquals(
                3072L * 800 + 800 + 2L * (800 * 800 + 800) + 8010, net.net().numParams());
        assertArrayEquals(
                new int[] {800, 800, 800},
                FcNetworks.build(FcSpec.fc3x800Mnist()).pointSizes());
        assertEquals(
                784,
                FcNetworks.build(FcSpec.fc3x800Mnist())
                        .net()
                        .getLayer(0)
                        .getParam("W")
                        .size(0));
    }

    @Test
    void feedbackPointsSitAfterDropoutActivationAndBatchNorm() {
        BlockNetwork net =
                FcNetworks.build(FcSpec.fc3x800Cifar10().withBatchNorm(true).withDropout(0.1, 0.5));
        // per block: dense -> dropout -> activation -> batch norm (the authors' order)
        for (int p = 0; p < 3; p++) {
            int end = net.pointLayer(p);
            assertTrue(net.net().getLayer(end).conf().getLayer() instanceof BatchNormalization, "point " + p);
            assertTrue(net.net().getLayer(end - 2).conf().getLayer() instanceof DropoutLayer, "point " + p);
        }
        assertEquals(
                0.9, ((SeededDropout) net.net().getLayer(0).conf().getLayer().getIDropout()).retain());
    }

    @Test
    void bottleneckRemovesThePointBeforeTheMaskedLayer() {
        BlockNetwork net = FcNetworks.build(FcSpec.fc3x800Cifar10().withBottleneck(1, 18));
        assertEquals(2, net.points());
        assertEquals(1, net.pointLayer(0));
        assertEquals(18.0 / 800, net.gradientMask(1).keep());
    }

    @Test
    void sameSeedSameWeightsAndHeScale() {
        assertSameSeedSameWeights(seed ->
                FcNetworks.build(FcSpec.fc3x800Cifar10().withSeed(seed)).net().params());
        INDArray w = FcNetworks.build(FcSpec.fc3x800Cifar10()).net().getLayer(1).getParam("W");
        assertEquals(Math.sqrt(2.0 / 800), w.stdNumber().doubleValue(), 0.002);
    }

    /** Seed 4 twice gives the same parameters, seed 5 others, apart by more than rounding. The CNN test uses it too. */
    static void assertSameSeedSameWeights(LongFunction<INDArray> paramsOfSeed) {
        INDArray a = paramsOfSeed.apply(4);
        INDArray b = paramsOfSeed.apply(4);
        INDArray c = paramsOfSeed.apply(5);
        assertEquals(a, b);
        assertTrue(a.sub(c).amaxNumber().doubleValue() > 0.01);
    }

    @Test
    void pytorchInitIsUniformWithinOneOverSqrtFanIn() {
        BlockNetwork net = FcNetworks.build(FcSpec.fc3x800Cifar10().withInit(Init.PYTORCH));
        INDArray w = net.net().getLayer(0).getParam("W");
        INDArray b = net.net().getLayer(0).getParam("b");
        double bound = 1 / Math.sqrt(3072);
        assertTrue(w.amaxNumber().doubleValue() <= bound && w.amaxNumber().doubleValue() > 0.99 * bound);
        assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.01 * bound);
        assertTrue(b.amaxNumber().doubleValue() <= bound && b.amaxNumber().doubleValue() > 0.5 * bound);
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activations.parse("lrelu:x"))
                .getMessage()
                .contains("slope"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> FcSpec.fc3x800Cifar10().withDropout(1.0, 0))
                .getMessage()
                .contains("inputDropout"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> FcSpec.fc3x800Cifar10().withBottleneck(1, 900))
                .getMessage()
                .contains("k=900"));
    }
}
