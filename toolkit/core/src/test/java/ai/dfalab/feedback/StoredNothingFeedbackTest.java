package ai.dfalab.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The feedback kinds that hold no matrix: seeded (regenerated blocks) and structured (Fastfood-style). */
class StoredNothingFeedbackTest {
    private static final int E = 10;

    /** {@code U} written out element by element from the documented recipe: block k = rows of SplittableRandom(blockSeed(seed, k)). */
    private static INDArray reference(long seed, int rows, int e) {
        int blockRows = Math.max(1, SeededFeedback.BLOCK_FLOATS / e);
        INDArray u = Nd4j.create(DataType.FLOAT, rows, e);
        SplittableRandom random = null;
        for (int r = 0; r < rows; r++) {
            if (r % blockRows == 0) {
                random = new SplittableRandom(SeededFeedback.blockSeed(seed, r / blockRows));
            }
            for (int c = 0; c < e; c++) {
                u.putScalar(r, c, (float) random.nextGaussian());
            }
        }
        return u;
    }

    @Test
    void seededEqualsTheMaterialisedMatrixOfItsGenerator() {
        // 4000 rows of e = 10 span three blocks of 1638 rows, the last one partial
        int[] sizes = {4000, 1638, 700};
        SeededFeedback f = new SeededFeedback(sizes, E, 11, true);
        INDArray u = reference(11, 4000, E);
        INDArray err = Nd4j.randn(DataType.FLOAT, 32, E);
        for (int i = 0; i < sizes.length; i++) {
            INDArray bi = u.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, sizes[i]),
                            org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .mul(1 / Math.sqrt((double) sizes[i] * E));
            assertEquals(0, f.matrix(i).sub(bi).amaxNumber().doubleValue(), 1e-7, "matrix " + i);
            INDArray expected = err.mmul(bi.transpose()).muli(0.5);
            INDArray out = Nd4j.create(DataType.FLOAT, 32, sizes[i]);
            f.project(i, err, out, 0.5);
            assertEquals(0, out.sub(expected).amaxNumber().doubleValue(), 1e-5, "projection " + i);
        }
        SeededFeedback plain = new SeededFeedback(sizes, E, 11, false);
        assertEquals(0, plain.matrix(0).sub(u).amaxNumber().doubleValue(), 1e-7, "no norm is plain U");
    }

    @Test
    void seededMatrixDoesNotDependOnTheOtherPointsNorOnTheRun() {
        INDArray a = new SeededFeedback(new int[] {800, 800, 800}, E, 3, false).matrix(0);
        INDArray b = new SeededFeedback(new int[] {5000, 800}, E, 3, false).matrix(1);
        assertEquals(a, b);
    }

    @Test
    void seededHoldsOneBlockNotTheMatrix() {
        int[] vgg = ai.dfalab.models.Vgg16.feedbackSizes(224);
        long bytes = FeedbackKind.SEEDED.bytesFor(vgg, 1000);
        assertEquals(4L * 16 * 1000, bytes);
        assertTrue(bytes <= 1 << 20);
        assertEquals(
                FeedbackKind.SEEDED.bytesFor(new int[] {800, 800, 800}, E),
                new SeededFeedback(new int[] {800, 800, 800}, E, 0, true).bytes());
        assertEquals(
                4L * 800 * E, FeedbackKind.SEEDED.bytesFor(new int[] {800, 800, 800}, E), "one block covers fc3x800");
        assertEquals(0, FeedbackKind.STRUCTURED.bytesFor(vgg, 1000));
        assertEquals(0, new StructuredFeedback(new int[] {800}, E, 0, true).bytes());
    }

    @Test
    void seededBlocksOfNearbySeedsAreUncorrelated() {
        INDArray a = new SeededFeedback(new int[] {20000}, E, 0, false).matrix(0);
        INDArray b = new SeededFeedback(new int[] {20000}, E, 1, false).matrix(0);
        double corr = a.mul(b).meanNumber().doubleValue();
        assertEquals(0, corr, 4 / Math.sqrt(200000.0));
        assertEquals(1.0, a.stdNumber().doubleValue(), 4 / Math.sqrt(2 * 200000.0));
    }

    @Test
    void structuredWidthIsTheNextPowerOfTwo() {
        assertEquals(1024, new StructuredFeedback(new int[] {800, 300}, E, 0, true).width());
        assertEquals(1024, new StructuredFeedback(new int[] {1024}, E, 0, true).width());
        assertEquals(16, new StructuredFeedback(new int[] {3}, 16, 0, true).width());
    }

    @Test
    void structuredIsLinearAndItsMatrixReproducesIt() {
        StructuredFeedback f = new StructuredFeedback(new int[] {800, 300}, E, 4, true);
        INDArray e1 = Nd4j.randn(DataType.FLOAT, 8, E);
        INDArray e2 = Nd4j.randn(DataType.FLOAT, 8, E);
        for (int i = 0; i < 2; i++) {
            INDArray sum = f.project(i, e1.add(e2));
            assertEquals(
                    0,
                    sum.sub(f.project(i, e1).add(f.project(i, e2))).amaxNumber().doubleValue(),
                    1e-4);
            assertEquals(
                    0,
                    f.project(i, e1)
                            .sub(e1.mmul(f.matrix(i).transpose()))
                            .amaxNumber()
                            .doubleValue(),
                    1e-4);
        }
    }

    /**
     * Eq. 8's scale, statistically: with entries of std {@code 1 / sqrt(l_i e)}, {@code E|B_i e|^2 = |e|^2 / e} at every
     * point whatever its size (Figure 2's check), as the unified matrix gives; and its entries have that std.
     */
    @Test
    void structuredSignalHasTheEq8ScaleAtEveryPoint() {
        int[] sizes = {20000, 5000, 800};
        for (long seed = 0; seed < 3; seed++) {
            StructuredFeedback f = new StructuredFeedback(sizes, E, seed, true);
            UnifiedFeedback unified = new UnifiedFeedback(sizes, E, seed, true);
            INDArray err = Nd4j.randn(DataType.FLOAT, 256, E);
            double errNorm = err.norm2Number().doubleValue();
            for (int i = 0; i < sizes.length; i++) {
                double ratio = f.project(i, err).norm2Number().doubleValue() / errNorm;
                // 256 errors through a matrix of thousands of rows: the ratio of norms is within a few percent of
                // sqrt(1/e)
                assertEquals(Math.sqrt(1.0 / E), ratio, 0.05 * Math.sqrt(1.0 / E), "seed " + seed + " point " + i);
                double unifiedRatio = unified.project(i, err).norm2Number().doubleValue() / errNorm;
                assertEquals(unifiedRatio, ratio, 0.08 * unifiedRatio, "seed " + seed + " point " + i + " vs unified");
                INDArray bi = f.matrix(i);
                double expected = 1 / Math.sqrt((double) sizes[i] * E);
                assertEquals(
                        expected,
                        bi.stdNumber().doubleValue(),
                        expected * 0.05,
                        "seed " + seed + " point " + i + " entry std");
                assertEquals(0, bi.meanNumber().doubleValue(), expected * 0.05);
            }
        }
    }

    @Test
    void structuredRowsAreNotCopiesOfEachOther() {
        INDArray b = new StructuredFeedback(new int[] {1024}, E, 2, false).matrix(0);
        INDArray gram = b.mmul(b.transpose());
        double diag = 0;
        double off = 0;
        for (int r = 0; r < 200; r++) {
            diag += gram.getDouble(r, r);
            off += Math.abs(gram.getDouble(r, r + 1)) + Math.abs(gram.getDouble(r, r + 512));
        }
        // rows of N(0,1)-like entries: |row|^2 ~ e, inner products of distinct rows ~ sqrt(e) in size
        assertEquals(E, diag / 200, 1.5);
        assertTrue(off / 400 < 0.5 * E, "neighbouring rows too correlated: " + off / 400);
    }

    @Test
    void badShapesAreNamed() {
        StructuredFeedback f = new StructuredFeedback(new int[] {800}, E, 0, true);
        var ex = assertThrows(IllegalArgumentException.class, () -> f.project(0, Nd4j.zeros(DataType.FLOAT, 4, 9)));
        assertTrue(ex.getMessage().contains("point 0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeededFeedback(new int[] {0}, E, 0, true));
    }
}
