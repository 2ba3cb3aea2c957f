package ai.dfalab.models;

import static ai.dfalab.models.FcNetworksTest.assertSameSeedSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.layers.SeededDropout;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvNetworksTest {

    @Test
    void table4NetworkHasFeedbackPointsOf7200_3136_576And128() {
        BlockNetwork net = ConvNetworks.build(CnnSpec.table4());
        assertArrayEquals(new int[] {7200, 3136, 576, 128}, net.pointSizes());
        assertArrayEquals(new long[] {32, 15, 15}, net.pointShape(0));
        assertArrayEquals(new long[] {64, 7, 7}, net.pointShape(1));
        assertArrayEquals(new long[] {64, 3, 3}, net.pointShape(2));
        assertArrayEquals(new int[] {7200, 3136, 576, 128}, CnnSpec.table4().pointSizes());
        assertEquals(10, net.classes());
        long convs = (3 * 25 * 32 + 32) + (32 * 25 * 64 + 64) + (64 * 25 * 64 + 64);
        assertEquals(convs + 576 * 128 + 128 + 128 * 10 + 10, net.net().numParams());
        for (int p = 0; p < 3; p++) {
            assertTrue(
                    net.net().getLayer(net.pointLayer(p)).conf().getLayer() instanceof SubsamplingLayer,
                    "conv point " + p + " is after pooling");
        }
        assertTrue(net.net().getLayer(net.pointLayer(3)).conf().getLayer() instanceof DenseLayer);
    }

    @Test
    void headByBpDropsTheClassifierPoint() {
        CnnSpec spec = CnnSpec.table4().withHeadByBp(true);
        BlockNetwork net = ConvNetworks.build(spec);
        assertArrayEquals(new int[] {7200, 3136, 576}, net.pointSizes());
        assertArrayEquals(new int[] {7200, 3136, 576}, spec.pointSizes());
        assertTrue(
                net.net().getLayer(net.blockStart(3)).conf().getLayer() instanceof DenseLayer,
                "the last block holds the hidden dense layer");
    }

    @Test
    void blocksFollowTheAuthorsOrderWithBatchNormAndDropout() {
        BlockNetwork net =
                ConvNetworks.build(CnnSpec.table4().withBatchNorm(true).withDropout(0.1, 0.2, 0.5));
        assertArrayEquals(new int[] {7200, 3136, 576, 128}, net.pointSizes());
        for (int p = 0; p < 3; p++) { // conv -> spatial dropout -> activation -> batch norm -> max pool
            int start = net.blockStart(p);
            assertTrue(net.net().getLayer(start).conf().getLayer() instanceof ConvolutionLayer);
            assertTrue(net.net().getLayer(start + 1).conf().getLayer() instanceof DropoutLayer);
            assertTrue(((SeededDropout)
                            net.net().getLayer(start + 1).conf().getLayer().getIDropout())
                    .isSpatial());
            assertTrue(net.net().getLayer(start + 2).conf().getLayer() instanceof ActivationLayer);
            assertTrue(net.net().getLayer(start + 3).conf().getLayer() instanceof BatchNormalization);
            assertEquals(start + 4, net.pointLayer(p));
        }
        int dense = net.blockStart(3); // dense -> element-wise dropout -> activation -> batch norm
        assertTrue(net.net().getLayer(dense + 1).conf().getLayer() instanceof DropoutLayer);
        assertTrue(!((SeededDropout)
                        net.net().getLayer(dense + 1).conf().getLayer().getIDropout())
                .isSpatial());
        assertTrue(net.net().getLayer(dense + 3).conf().getLayer() instanceof BatchNormalization);
        SeededDropout input =
                (SeededDropout) net.net().getLayer(0).conf().getLayer().getIDropout();
        assertEquals(0.9, input.retain(), 1e-12);
        assertTrue(input.isSpatial());
    }

    @Test
    void inputArrivesFlatInChwOrder() {
        // a single bright pixel at (channel 1, row 4, column 7) of a flat CHW sample lands at the same place of conv
        // 1's input
        BlockNetwork net = ConvNetworks.build(CnnSpec.table4());
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 3072);
        x.putScalar(0, 1024 + 4 * 32 + 7, 1f);
        INDArray shaped = net.net()
                .getLayerWiseConfigurations()
                .getInputPreProcess(0)
                .preProcess(x, 1, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[] {1, 3, 32, 32}, shaped.shape());
        assertEquals(1f, shaped.getFloat(0, 1, 4, 7));
        assertEquals(1f, shaped.sumNumber().floatValue());
    }

    @Test
    void sameSeedSameWeightsAndHeScale() {
        assertSameSeedSameWeights(seed ->
                ConvNetworks.build(CnnSpec.table4().withSeed(seed)).net().params());
        INDArray w2 = ConvNetworks.build(CnnSpec.table4()).net().getLayer(2).getParam("W"); // conv 2: fan-in 32 * 5 * 5
        assertArrayEquals(new long[] {64, 32, 5, 5}, w2.shape());
        assertEquals(Math.sqrt(2.0 / 800), w2.stdNumber().doubleValue(), 0.002);
    }

    @Test
    void spatialDropoutKeepsOrDropsWholeChannels() {
        SeededDropout d = SeededDropout.spatial(0.5, 3);
        INDArray in = Nd4j.ones(DataType.FLOAT, 8, 6, 4, 4);
        INDArray out = d.applyDropout(in, Nd4j.createUninitialized(DataType.FLOAT, in.shape()), 0, 0, null);
        int kept = 0;
        for (int n = 0; n < 8; n++) {
            for (int c = 0; c < 6; c++) {
                INDArray plane = out.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(n), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                double min = plane.minNumber().doubleValue();
                assertEquals(min, plane.maxNumber().doubleValue(), "one draw per channel plane");
                assertTrue(min == 0 || min == 2, "kept planes are scaled by 1 / retain");
                kept += min > 0 ? 1 : 0;
            }
        }
        assertTrue(kept > 8 && kept < 40, "about half of the 48 planes kept, got " + kept);
        assertThrows(
                IllegalStateException.class,
                () -> d.applyDropout(Nd4j.ones(DataType.FLOAT, 2, 5), Nd4j.ones(DataType.FLOAT, 2, 5), 0, 0, null));
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> CnnSpec.table4().withDropout(0, 1.0, 0))
                .getMessage()
                .contains("convDropout"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> CnnSpec.table4().withInput(3, 6))
                .getMessage()
                .contains("too small"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> CnnSpec.table4().withConvs(List.of()))
                .getMessage()
                .contains("conv widths"));
    }
}
