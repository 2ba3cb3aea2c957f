package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The real CIFAR-100 files against known facts: counts, balanced classes, each fine class inside one superclass,
 * and the channel statistics behind {@link Cifar100#NORMALIZATION}. Skipped when no copy is found (none is on our
 * machines: see docs/data.md).
 */
class Cifar100RealDataTest {
    @Test
    void trainIsBalancedAndItsChannelStatisticsAreTheNormalisation() {
        LabeledData fine = Cifar100.load(RealData.dir(DatasetName.CIFAR100), Split.TRAIN);
        assertEquals(50_000, fine.size());
        assertArrayEquals(filled(100, 500), fine.histogram());
        // Mean and population std over all 50,000 x 1024 pixels of a channel, back on the 0..1 scale.
        Normalization n = fine.normalization();
        for (int c = 0; c < 3; c++) {
            INDArray channel = fine.x().get(NDArrayIndex.all(), NDArrayIndex.interval(c * 1024, (c + 1) * 1024));
            double mean = channel.meanNumber().doubleValue() * n.std(c) + n.mean(c);
            double std = channel.stdNumber().doubleValue() * n.std(c);
            assertEquals(n.mean(c), mean, 2e-4, "mean of channel " + c);
            assertEquals(n.std(c), std, 1e-3, "std of channel " + c);
        }
    }

    @Test
    void eachFineClassBelongsToOneSuperclassOfFive() {
        Path dir = RealData.dir(DatasetName.CIFAR100);
        for (Split split : Split.values()) {
            LabeledData fine = Cifar100.load(dir, split, Cifar100.Labels.FINE);
            LabeledData coarse = Cifar100.load(dir, split, Cifar100.Labels.COARSE);
            int perFine = split == Split.TRAIN ? 500 : 100;
            assertArrayEquals(filled(100, perFine), fine.histogram(), split + " fine histogram");
            assertArrayEquals(filled(20, 5 * perFine), coarse.histogram(), split + " coarse histogram");
            int[] superclass = new int[100];
            Arrays.fill(superclass, -1);
            for (int i = 0; i < fine.size(); i++) {
                int f = fine.label(i);
                if (superclass[f] < 0) {
                    superclass[f] = coarse.label(i);
                }
                assertEquals(superclass[f], coarse.label(i), "superclass of fine class " + f + " at sample " + i);
            }
        }
    }

    private static int[] filled(int classes, int count) {
        int[] out = new int[classes];
        Arrays.fill(out, count);
        return out;
    }
}
