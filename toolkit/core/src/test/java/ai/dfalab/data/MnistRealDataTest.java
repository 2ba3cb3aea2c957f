package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST files against the published facts in shared/data/README.md (counts, label histograms, mean pixel).
 * Skipped when no data root is set.
 */
class MnistRealDataTest {

    @Test
    void trainMatchesPublishedCountsHistogramAndMean() {
        LabeledData train = Mnist.load(RealData.dir(DatasetName.MNIST), Split.TRAIN);
        assertEquals(60_000, train.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.sampleShape());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.histogram());
        assertEquals(5, train.label(0), "the first training digit is the well-known 5");
        assertEquals(33.3184, meanPixel(train), 5e-4);
    }

    @Test
    void testMatchesPublishedCountsHistogramAndMean() {
        Path dir = RealData.dir(DatasetName.MNIST);
        LabeledData test = Mnist.load(dir, Split.TEST);
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.histogram());
        assertEquals(7, test.label(0), "the first test digit is the well-known 7");
        assertEquals(33.7912, meanPixel(test), 5e-4);
    }

    /** Mean pixel on the 0..255 scale, recovered from the normalised features and summed in double. */
    private static double meanPixel(LabeledData d) {
        double sum = 0;
        for (float v : d.x().data().asFloat()) {
            sum += v;
        }
        double normalisedMean = sum / d.x().length();
        return (normalisedMean * Mnist.NORMALIZATION.std(0) + Mnist.NORMALIZATION.mean(0)) * 255;
    }
}
