package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Table 3 CIFAR pipeline: output shape, real mirroring, crops in bounds, replay from a seed, bilinear values. */
class ScaledCropFlipTest {
    private static final int D = 3 * 32 * 32;

    /** {@code n} samples whose feature k of sample i is a distinct smooth-ish value. */
    private static Batch batch(int n) {
        float[] x = new float[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.37 * i) + (i / D) * 0.01f;
        }
        return new Batch(Nd4j.create(x, new long[] {n, D}, 'c'), Nd4j.eye(n));
    }

    /** Output value of channel c at (row, col) of sample i. */
    private static float at(INDArray out, int side, int i, int c, int row, int col) {
        return out.getFloat(i, (c * side + row) * side + col);
    }

    @Test
    void shapesAndLabelsOfTrainAndEvalBatches() {
        try (ScaledCropFlip p = ScaledCropFlip.table3(2)) {
            Batch in = batch(3);
            Batch train = p.train(in, 1);
            assertArrayEquals(new long[] {3, 3 * 224 * 224}, train.features().shape());
            assertSame(in.labels(), train.labels());
            assertEquals(150_528, p.features());
            assertArrayEquals(new long[] {3, 150_528}, p.eval(in).features().shape());
        }
    }

    @Test
    void flipMirrorsTheSameCropLeftToRight() {
        try (ScaledCropFlip p = ScaledCropFlip.table3(1)) {
            Batch in = batch(1);
            INDArray plain = p.apply(in, List.of(new Crop(10, 20, false))).features();
            INDArray mirrored = p.apply(in, List.of(new Crop(10, 20, true))).features();
            assertNotEquals(plain, mirrored);
            for (int c = 0; c < 3; c++) {
                for (int row = 0; row < 224; row += 13) {
                    for (int col = 0; col < 224; col += 7) {
                        assertEquals(
                                at(plain, 224, 0, c, row, col),
                                at(mirrored, 224, 0, c, row, 223 - col),
                                "channel " + c + " (" + row + ", " + col + ")");
                    }
                }
            }
        }
    }

    @Test
    void randomCropsStayInBoundsAndCoverBothEndsAndBothFlips() {
        try (ScaledCropFlip p = ScaledCropFlip.table3(1)) {
            List<Crop> crops = p.randomCrops(42, 5000);
            int[] tops = new int[33];
            int flipped = 0;
            for (Crop c : crops) {
                assertTrue(c.top() >= 0 && c.top() <= 32 && c.left() >= 0 && c.left() <= 32, c.toString());
                tops[c.top()]++;
                flipped += c.flipped() ? 1 : 0;
            }
            assertTrue(tops[0] > 0 && tops[32] > 0, "offsets 0 and 32 both drawn");
            assertTrue(flipped > 2200 && flipped < 2800, "about half flipped: " + flipped);
            assertEquals(new Crop(16, 16, false), p.centerCrop());
        }
    }

    @Test
    void sameSeedGivesTheSameBatchOnAnyThreadCount() {
        Batch in = batch(5);
        try (ScaledCropFlip one = ScaledCropFlip.table3(1);
                ScaledCropFlip two = ScaledCropFlip.table3(2)) {
            INDArray a = one.train(in, 7).features();
            assertEquals(a, two.train(in, 7).features());
            assertNotEquals(a, one.train(in, 8).features());
            UnaryOperator<Batch> first = one.training(100);
            UnaryOperator<Batch> again = two.training(100);
            assertEquals(first.apply(in).features(), again.apply(in).features());
            assertEquals(first.apply(in).features(), again.apply(in).features(), "second call, seed 101");
            assertEquals(
                    one.train(in, 101).features(), two.training(101).apply(in).features());
        }
    }

    @Test
    void constantImageStaysConstant() {
        Batch in = new Batch(Nd4j.valueArrayOf(new long[] {2, D}, 0.37f), Nd4j.eye(2));
        try (ScaledCropFlip p = ScaledCropFlip.table3(2)) {
            INDArray out = p.train(in, 3).features();
            assertEquals(0.37, out.minNumber().doubleValue(), 1e-6);
            assertEquals(0.37, out.maxNumber().doubleValue(), 1e-6);
        }
    }

    @Test
    void upscaleIsBilinearWithEdgeClampingAndTheCentreCropIsAWindowOfIt() {
        // A ramp along the columns: value = column index, in every row and channel.
        float[] x = new float[D];
        for (int k = 0; k < D; k++) {
            x[k] = k % 32;
        }
        Batch in = new Batch(Nd4j.create(x, new long[] {1, D}, 'c'), Nd4j.eye(1));
        try (ScaledCropFlip full = new ScaledCropFlip(32, 256, 256, 1);
                ScaledCropFlip p = ScaledCropFlip.table3(1)) {
            INDArray resized = full.apply(in, List.of(new Crop(0, 0, false))).features();
            for (int o = 0; o < 256; o++) {
                double expected = Math.min(31, Math.max(0, (o + 0.5) / 8 - 0.5));
                assertEquals(expected, at(resized, 256, 0, 1, 100, o), 1e-4, "column " + o);
            }
            INDArray centre = p.eval(in).features();
            for (int row = 0; row < 224; row += 17) {
                for (int col = 0; col < 224; col += 11) {
                    assertEquals(at(resized, 256, 0, 2, row + 16, col + 16), at(centre, 224, 0, 2, row, col), 1e-6);
                }
            }
        }
    }

    @Test
    void batchMadeInsideAWorkspaceIsDetachedFromIt() {
        Batch in = batch(2);
        WorkspaceConfiguration conf =
                WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (ScaledCropFlip p = ScaledCropFlip.table3(2)) {
            Batch inside;
            try (MemoryWorkspace ws =
                    Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "scaled-crop-flip-test")) {
                inside = p.train(in, 4);
            }
            assertFalse(inside.features().isAttached());
            assertEquals(p.train(in, 4).features(), inside.features());
        }
    }

    @Test
    void wrongFeatureCountIsNamed() {
        try (ScaledCropFlip p = ScaledCropFlip.table3(1)) {
            Batch mnist = new Batch(Nd4j.zeros(2, 784), Nd4j.eye(2));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> p.apply(mnist, Collections.nCopies(2, p.centerCrop())));
            assertTrue(e.getMessage().contains("got 2 crops and 784 features"), e.getMessage());
        }
    }
}
