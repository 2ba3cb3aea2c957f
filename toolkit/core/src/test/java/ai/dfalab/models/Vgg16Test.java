package ai.dfalab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.feedback.UnifiedFeedback;
import ai.dfalab.layers.Init;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Vgg16Test {
    /** The small variant's 15 points: 13 convolutions (after pooling where a stage ends), then FC 512, 512. */
    private static final int[] SMALL_POINTS = {
        64 * 32 * 32,
        64 * 16 * 16,
        128 * 16 * 16,
        128 * 8 * 8,
        256 * 8 * 8,
        256 * 8 * 8,
        256 * 4 * 4,
        512 * 4 * 4,
        512 * 4 * 4,
        512 * 2 * 2,
        512 * 2 * 2,
        512 * 2 * 2,
        512,
        512,
        512
    };

    @Test
    void smallVariantHasThirteenConvolutionsAndFifteenPoints() {
        BlockNetwork net = Vgg16.build(VggSpec.small(10));
        assertArrayEquals(SMALL_POINTS, net.pointSizes());
        assertArrayEquals(SMALL_POINTS, Vgg16.blockPointSizes(VggSpec.small(10)));
        long convs = Arrays.stream(net.net().getLayers())
                .filter(l -> l.conf().getLayer() instanceof ConvolutionLayer)
                .count();
        assertEquals(13, convs);
        assertTrue(
                net.net().getLayer(net.pointLayer(1)).conf().getLayer() instanceof SubsamplingLayer,
                "conv1_2's point is after pooling");
        assertTrue(net.net().getLayer(net.pointLayer(0)).conf().getLayer() instanceof ConvolutionLayer);
        assertArrayEquals(new long[] {64, 16, 16}, net.pointShape(1));
        assertEquals(10, net.classes());
        // 3x3 convolutions 3->64->64->128->128->256x3->512x6, FC 512->512->512->10
        long convParams = 0;
        int[] channels = {3, 64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        for (int i = 0; i < 13; i++) {
            convParams += 9L * channels[i] * channels[i + 1] + channels[i + 1];
        }
        assertEquals(
                convParams + 2 * (512 * 512 + 512) + 512 * 10 + 10, net.net().numParams());
    }

    @Test
    void unifiedFeedbackHoldsOneMatrixOfLmaxRowsAndNoPerLayerCopy() {
        BlockNetwork net = Vgg16.build(VggSpec.small(10));
        Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), net.classes(), 0);
        int lMax = 64 * 32 * 32;
        assertEquals(4L * lMax * 10, feedback.bytes());
        Set<DataBuffer> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(feedback.buffers());
        assertEquals(1, distinct.size(), "every point's slice is a view of the one l_max x e matrix");
        assertEquals(4L * lMax * 10, distinct.iterator().next().length() * 4);
        assertEquals(
                4L * 10 * Arrays.stream(SMALL_POINTS).asLongStream().sum(),
                FeedbackKind.PER_LAYER.bytesFor(SMALL_POINTS, 10));
        assertEquals(lMax, ((UnifiedFeedback) feedback).unified().rows());
    }

    @Test
    void imageNetFeedbackWouldTake12point8GigabytesComputedNotAllocated() {
        int[] sizes = Vgg16.blockPointSizes(VggSpec.imageNet(1000));
        assertEquals(15, sizes.length);
        assertEquals(64 * 224 * 224, Arrays.stream(sizes).max().orElseThrow());
        assertEquals(512 * 7 * 7, sizes[12]);
        assertEquals(12_845_056_000L, FeedbackKind.UNIFIED.bytesFor(sizes, 1000)); // 4 e l_max: 12.8 GB
        assertEquals(1_284_505_600L, FeedbackKind.UNIFIED.bytesFor(Vgg16.blockPointSizes(VggSpec.imageNet(100)), 100));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOthers() {
        VggSpec spec = VggSpec.small(10).withWidthDivisor(8).withSeed(3);
        INDArray a = Vgg16.build(spec).net().params();
        assertEquals(a, Vgg16.build(spec).net().params());
        assertNotEquals(a, Vgg16.build(spec.withSeed(4)).net().params());
        INDArray w = Vgg16.build(spec).net().getLayer(1).getParam("W"); // conv1_2: 8 -> 8, He std sqrt(2 / 72)
        assertEquals(Math.sqrt(2.0 / 72), w.stdNumber().doubleValue(), 0.02);
    }

    @Test
    void dfaStepChangesEveryConvolutionFromTheErrorAlone() {
        BlockNetwork net = Vgg16.build(VggSpec.small(10).withWidthDivisor(8));
        Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 0);
        Learner learner = new Learner(net, new DirectFeedbackAlignment(feedback, SignalScale.SUM));
        assertTrue(learner.onEngine(), learner.path());
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3072);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int n = 0; n < 4; n++) {
            y.putScalar(n, n, 1);
        }
        INDArray[] before = new INDArray[net.net().getnLayers()];
        for (int l = 0; l < before.length; l++) {
            INDArray w = net.net().getLayer(l).getParam("W");
            before[l] = w == null ? null : w.dup();
        }
        INDArray out = learner.step(x, y);
        assertArrayEquals(new long[] {4, 10}, out.shape());
        for (int l = 0; l < before.length; l++) {
            if (before[l] != null) {
                assertNotEquals(before[l], net.net().getLayer(l).getParam("W"), "layer " + l + " learned");
            }
        }
    }

    @Test
    void thePlateauCutReachesEveryLayersUpdater() {
        BlockNetwork net = Vgg16.build(VggSpec.small(10).withWidthDivisor(8));
        net.net().setLearningRate(1e-3);
        for (org.deeplearning4j.nn.api.Layer l : net.net().getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                assertEquals(1e-3, b.getIUpdater().getLearningRate(0, 0), 1e-12, "layer " + l.getIndex());
            }
        }
    }

    @Test
    void badSpecsAreRefusedWithTheParameterNamed() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> VggSpec.small(10).withWidthDivisor(3))
                .getMessage()
                .contains("widthDivisor"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new VggSpec(
                                40, 1, new int[] {4, 4}, 10, Init.HE, new org.nd4j.linalg.learning.config.Sgd(0.1), 0))
                .getMessage()
                .contains("side"));
    }
}
