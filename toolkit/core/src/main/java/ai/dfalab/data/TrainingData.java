package ai.dfalab.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The data a run trains and tests on, however it is held: {@link InMemoryData} (MNIST, CIFAR: loaded once) or
 * {@link StreamedImageNet} (decoded from disk batch by batch). Epochs are drawn from the run's seed and epoch number
 * only, so a resumed run sees the batches an uninterrupted one would. Closing it stops the threads it runs.
 */
public interface TrainingData extends AutoCloseable {

    /** The data {@code request} names, found under the data root {@code root}. */
    static TrainingData open(DataRequest request, Path root) {
        return request.dataset() == DatasetName.IMAGENET
                ? StreamedImageNet.open(request, root)
                : InMemoryData.open(request, root);
    }

    /** Training samples an epoch draws from (after the run's {@code trainLimit}). */
    int trainSize();

    /** Test samples an evaluation covers (after the run's {@code testLimit}). */
    int testSize();

    /**
     * The first {@code steps} batches of {@code batch} samples of epoch {@code epoch}: shuffled and augmented from
     * {@code seed} and {@code epoch}. Close them when done (early too: they may be decoded ahead on threads).
     */
    Batches epoch(long seed, int epoch, int batch, int steps);

    /** The test samples as testing sees them, in order, in batches with one-hot labels; close them when done. */
    Batches test();

    /** The first {@code n} test samples as testing sees them, with one-hot labels: the alignment probe's input. */
    Batch probe(int n);

    /** Accuracy on the subset of the test set that is exact in our copy (CIFAR-10's first 1,000 records), else NaN. */
    double exactAccuracy(boolean[] correct);

    /** What the run reads, for its provenance. */
    String describe();

    @Override
    void close();

    /** One epoch's batches, in order; closing stops any decoding ahead. */
    interface Batches extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }

    /** A uniform permutation of {@code 0..n-1} (Fisher-Yates) drawn from {@code random}. */
    static int[] shuffled(int n, SplittableRandom random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
