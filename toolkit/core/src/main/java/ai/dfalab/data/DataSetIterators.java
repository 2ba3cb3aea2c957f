package ai.dfalab.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.BaseDatasetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.fetcher.BaseDataFetcher;

/** The toolkit's data sets as DL4J {@link DataSetIterator}s, for {@code net.fit}, {@code net.evaluate} and the like. */
public final class DataSetIterators {
    private DataSetIterators() {}

    /**
     * Batches of {@code batch} samples of {@code data} (flat features, one-hot labels), shuffled each epoch from
     * {@code seed} and the epoch ({@code seed < 0}: in order); the last partial batch is kept, as DL4J's do.
     */
    public static DataSetIterator of(LabeledData data, int batch, long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        return new BaseDatasetIterator(batch, data.size(), new Fetcher(data, seed)) {
            @Override
            public List<String> getLabels() {
                return data.classNames();
            }
        };
    }

    /** The samples in the epoch's order; DL4J's iterator resets it at each new epoch, which draws a new shuffle. */
    private static final class Fetcher extends BaseDataFetcher {
        private final LabeledData data;
        private final long seed;
        private int epoch;
        private int[] order;

        Fetcher(LabeledData data, long seed) {
            this.data = data;
            this.seed = seed;
            this.totalExamples = data.size();
            this.inputColumns = data.features();
            this.numOutcomes = data.classes();
            this.order = order(0);
        }

        private int[] order(int epochNumber) {
            return seed < 0
                    ? IntStream.range(0, data.size()).toArray()
                    : TrainingData.shuffled(data.size(), new SplittableRandom(seed * 7919L + epochNumber));
        }

        @Override
        public void fetch(int numExamples) {
            int to = Math.min(totalExamples, cursor + numExamples);
            Batch b = data.batch(Arrays.copyOfRange(order, cursor, to));
            curr = new DataSet(b.features(), b.labels());
            cursor = to;
        }

        @Override
        public void reset() {
            super.reset();
            order = order(++epoch);
        }
    }
}
