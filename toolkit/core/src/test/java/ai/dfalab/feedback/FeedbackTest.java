package ai.dfalab.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FeedbackTest {

    @Test
    void gaussianMatrixIsTheSeedsRowMajorSequenceWhateverTheBlockSize() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        float[] expected = new float[37 * 10];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (random.nextGaussian() * 0.5);
        }
        for (int blockRows : new int[] {1, 4, 36, 37, 100}) {
            INDArray m = GaussianMatrix.draw(42, 37, 10, 0.5, blockRows);
            assertArrayEquals(new long[] {37, 10}, m.shape());
            assertArrayEquals(expected, m.data().asFloat(), "block of " + blockRows + " rows");
        }
    }

    private static final int[] SIZES = {800, 300, 50};
    private static final int E = 10;

    @Test
    void unifiedSlicesAreTheFirstRowsOfOneMatrixScaledByEq8() {
        UnifiedFeedback f = new UnifiedFeedback(SIZES, E, 7, true);
        INDArray b = f.unified();
        assertArrayEquals(new long[] {800, E}, b.shape());
        for (int i = 0; i < SIZES.length; i++) {
            INDArray bi = f.matrix(i);
            assertArrayEquals(new long[] {SIZES[i], E}, bi.shape());
            INDArray firstRows = b.get(NDArrayIndex.interval(0, SIZES[i]), NDArrayIndex.all())
                    .mul(Math.sqrt(800.0 / SIZES[i]));
            assertEquals(
                    0, bi.sub(firstRows).amaxNumber().doubleValue(), 1e-7, "slice " + i + " is not the first rows");
        }
    }

    @Test
    void unifiedSliceEntriesHaveStdOneOverSqrtLiE() {
        UnifiedFeedback f = new UnifiedFeedback(new int[] {20000, 5000, 800}, E, 3, true);
        for (int i = 0; i < 3; i++) {
            INDArray bi = f.matrix(i);
            double expected = 1 / Math.sqrt((double) f.size(i) * E);
            double std = bi.stdNumber().doubleValue();
            // the std of n Gaussian draws is within a few 1/sqrt(2n) of the true one
            assertEquals(expected, std, expected * 4 / Math.sqrt(2.0 * bi.length()), "point " + i);
            assertEquals(0, bi.meanNumber().doubleValue(), expected * 4 / Math.sqrt(bi.length()));
        }
    }

    @Test
    void noNormSlicesArePlainStandardGaussians() {
        UnifiedFeedback f = new UnifiedFeedback(new int[] {20000, 800}, E, 3, false);
        assertEquals(1.0, f.matrix(1).stdNumber().doubleValue(), 4 / Math.sqrt(2.0 * 8000));
        assertEquals(1.0, f.sliceScale(1));
        assertEquals(
                0,
                f.matrix(1)
                        .sub(f.unified().get(NDArrayIndex.interval(0, 800), NDArrayIndex.all()))
                        .amaxNumber()
                        .doubleValue());
    }

    @Test
    void perLayerMatricesAreIndependentAndNormalised() {
        PerLayerFeedback f = new PerLayerFeedback(new int[] {20000, 20000}, E, 5);
        INDArray a = f.matrix(0);
        INDArray b = f.matrix(1);
        assertNotEquals(a, b);
        double corr = a.mul(b).meanNumber().doubleValue()
                / (a.stdNumber().doubleValue() * b.stdNumber().doubleValue());
        assertEquals(0, corr, 4 / Math.sqrt(200000.0));
        assertEquals(1 / Math.sqrt(20000.0 * E), a.stdNumber().doubleValue(), 0.01 / Math.sqrt(20000.0 * E) * 4);
    }

    @Test
    void sameSeedSameMatrixOtherSeedOtherMatrix() {
        for (FeedbackKind kind : FeedbackKind.values()) {
            Feedback a = kind.create(SIZES, E, 42);
            Feedback b = kind.create(SIZES, E, 42);
            Feedback c = kind.create(SIZES, E, 43);
            for (int i = 0; i < SIZES.length; i++) {
                assertEquals(a.matrix(i), b.matrix(i), kind + " point " + i);
                assertNotEquals(a.matrix(i), c.matrix(i), kind + " point " + i);
            }
        }
    }

    @Test
    void projectionIsErrorTimesBTransposed() {
        INDArray e = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, E);
        for (FeedbackKind kind : FeedbackKind.values()) {
            Feedback f = kind.create(SIZES, E, 1);
            for (int i = 0; i < SIZES.length; i++) {
                INDArray expected = e.mmul(f.matrix(i).transpose());
                assertEquals(0, f.project(i, e).sub(expected).amaxNumber().doubleValue(), 1e-5, kind + " point " + i);
                INDArray out = Nd4j.createUninitialized(e.dataType(), 16, SIZES[i]);
                f.project(i, e, out, -2.5);
                assertEquals(0, out.sub(expected.mul(-2.5)).amaxNumber().doubleValue(), 1e-4);
            }
        }
    }

    @Test
    void bytesCountWhatIsStored() {
        assertEquals(4L * E * 800, FeedbackKind.UNIFIED.create(SIZES, E, 0).bytes());
        assertEquals(
                4L * E * (800 + 300 + 50),
                FeedbackKind.PER_LAYER.create(SIZES, E, 0).bytes());
    }

    @Test
    void namesParseAndBadNamesAreExplained() {
        assertEquals(FeedbackKind.UNIFIED_NONORM, FeedbackKind.parse("unified-nonorm"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> FeedbackKind.parse("dense"));
        assertTrue(ex.getMessage().contains("dense"));
    }
}
