package ai.dfalab.data;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

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
        return new Iterator(data, batch, seed);
    }

    private static final class Iterator implements DataSetIterator {
        private final LabeledData data;
        private final int batch;
        private final long seed;
        private int epoch;
        private int[] order;
        private int next;
        private DataSetPreProcessor preProcessor;

        Iterator(LabeledData data, int batch, long seed) {
            this.data = data;
            this.batch = batch;
            this.seed = seed;
            this.order = order(0);
        }

        private int[] order(int epochNumber) {
            return seed < 0
                    ? java.util.stream.IntStream.range(0, data.size()).toArray()
                    : TrainingData.shuffled(data.size(), new SplittableRandom(seed * 7919L + epochNumber));
        }

        @Override
        public DataSet next(int num) {
            int to = Math.min(data.size(), next + num);
            Batch b = data.batch(java.util.Arrays.copyOfRange(order, next, to));
            next = to;
            DataSet ds = new DataSet(b.features(), b.labels());
            if (preProcessor != null) {
                preProcessor.preProcess(ds);
            }
            return ds;
        }

        @Override
        public DataSet next() {
            return next(batch);
        }

        @Override
        public boolean hasNext() {
            return next < data.size();
        }

        @Override
        public int inputColumns() {
            return data.features();
        }

        @Override
        public int totalOutcomes() {
            return data.classes();
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return true;
        }

        /** The next epoch: a new shuffle. */
        @Override
        public void reset() {
            next = 0;
            order = order(++epoch);
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public List<String> getLabels() {
            return data.classNames();
        }
    }
}
