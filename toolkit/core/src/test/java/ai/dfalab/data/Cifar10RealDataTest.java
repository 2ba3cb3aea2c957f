package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The real CIFAR-10 files against the published facts in shared/data/README.md: counts, label histograms, known
 * pixels, channel means. Each split is loaded once; skipped when no data root is set.
 */
class Cifar10RealDataTest {
    private static LabeledData trainCache;
    private static LabeledData testCache;

    // Loaded on first use rather than in @BeforeAll, so that missing data reports each test as skipped.
    private static LabeledData train() {
        if (trainCache == null) {
            trainCache = Cifar10.load(RealData.dir(DatasetName.CIFAR10), Split.TRAIN);
        }
        return trainCache;
    }

    private static LabeledData test() {
        if (testCache == null) {
            testCache = Cifar10.load(RealData.dir(DatasetName.CIFAR10), Split.TEST);
        }
        return testCache;
    }

    @Test
    void trainHasFiftyThousandBalancedSamples() {
        LabeledData train = train();
        assertEquals(50_000, train.size());
        assertArrayEquals(new long[] {50_000, 3072}, train.x().shape());
        assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
        assertArrayEquals(filled(5000), train.histogram());
    }

    @Test
    void firstTenThousandAreDataBatch1WithItsKnownHistogram() {
        assertArrayEquals(
                new int[] {1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981},
                train().rows(0, 10_000).histogram());
    }

    @Test
    void trainRecord0IsTheKnownFrog() {
        LabeledData train = train();
        assertEquals(6, train.label(0));
        assertEquals("frog", train.classNames().get(6));
        int[][] topLeft = {{59, 62, 63}, {43, 46, 45}, {50, 48, 43}};
        for (int col = 0; col < 3; col++) {
            int[] rgb = {train.pixel(0, 0, 0, col), train.pixel(0, 1, 0, col), train.pixel(0, 2, 0, col)};
            assertArrayEquals(topLeft[col], rgb, "pixel (0, " + col + ")");
        }
    }

    @Test
    void trainChannelMeansMatchThePublishedValues() {
        LabeledData train = train();
        // Column sums in float over 50,000 rows, then double: accurate to well under 0.005 of 255.
        INDArray columnSums = train.x().sum(0);
        double[] published = {125.3069, 122.9504, 113.8654};
        Normalization n = train.normalization();
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int k = c * 1024; k < (c + 1) * 1024; k++) {
                sum += columnSums.getDouble(k);
            }
            double normalisedMean = sum / (1024.0 * train.size());
            assertEquals(published[c], (normalisedMean * n.std(c) + n.mean(c)) * 255, 5e-3, "channel " + c);
        }
    }

    @Test
    void testHasTenThousandBalancedSamplesAndTheKnownCat() {
        LabeledData test = test();
        assertEquals(10_000, test.size());
        assertArrayEquals(filled(1000), test.histogram());
        assertEquals(3, test.label(0));
        assertEquals("cat", test.classNames().get(3));
        assertArrayEquals(
                new int[] {158, 112, 49},
                new int[] {test.pixel(0, 0, 0, 0), test.pixel(0, 1, 0, 0), test.pixel(0, 2, 0, 0)});
    }

    @Test
    void exactTestSubsetIsTheFirstThousandTestRecords() {
        LabeledData test = test();
        LabeledData exact = Cifar10.exactTestSubset(test);
        assertEquals(1000, exact.size());
        assertArrayEquals(Arrays.copyOf(test.y(), 1000), exact.y());
        assertEquals(test.x().getRow(999), exact.x().getRow(999));
    }

    @Test
    void batchGathersTheRequestedTrainingRows() {
        LabeledData train = train();
        int[] indices = {49_999, 0, 12_345};
        Batch b = train.batch(indices);
        for (int r = 0; r < indices.length; r++) {
            assertEquals(train.x().getRow(indices[r]), b.features().getRow(r));
            assertEquals(1f, b.labels().getFloat(r, train.label(indices[r])));
            assertEquals(1.0, b.labels().getRow(r).sumNumber().doubleValue());
        }
    }

    private static int[] filled(int count) {
        int[] out = new int[Cifar10.CLASSES];
        Arrays.fill(out, count);
        return out;
    }
}
