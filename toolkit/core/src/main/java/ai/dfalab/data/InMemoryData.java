package ai.dfalab.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A data set held in memory ({@link DataCache}): the first {@code trainLimit} and {@code testLimit} samples, each
 * batch passed through the run's {@link InputPipeline} (Table 3's scaling for 224x224 networks on CIFAR).
 */
final class InMemoryData implements TrainingData {
    /** Test samples per batch of {@link #test()}: evaluation memory stays small whatever the data set. */
    private static final int TEST_CHUNK = 1000;

    private final DataRequest request;
    private final LabeledData train;
    private final LabeledData test;
    private final InputPipeline pipeline;

    private InMemoryData(DataRequest request, LabeledData train, LabeledData test) {
        this.request = request;
        this.train = train;
        this.test = test;
        this.pipeline = InputPipeline.forRequest(request);
    }

    static InMemoryData open(DataRequest request, Path root) {
        LabeledData train = DataCache.get(request.dataset(), Split.TRAIN, root);
        LabeledData test = DataCache.get(request.dataset(), Split.TEST, root);
        return new InMemoryData(request, first(train, request.trainLimit()), first(test, request.testLimit()));
    }

    private static LabeledData first(LabeledData data, int limit) {
        return limit > 0 ? data.first(Math.min(limit, data.size())) : data;
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public int testSize() {
        return test.size();
    }

    @Override
    public Batches epoch(long seed, int epoch, int batch, int steps) {
        int[] order = TrainingData.shuffled(train.size(), new SplittableRandom(seed * 7919L + epoch));
        return new Batches() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < steps;
            }

            @Override
            public Batch next() {
                int[] idx = Arrays.copyOfRange(order, step * batch, (step + 1) * batch);
                long crops = (seed * 1_000_003L + epoch) * 100_003L + step++; // the same crops on a resume
                return pipeline.train(train.batch(idx), crops);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Batches test() {
        return new Batches() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < test.size();
            }

            @Override
            public Batch next() {
                int to = Math.min(test.size(), from + TEST_CHUNK);
                Batch batch = new Batch(
                        pipeline.eval(test.rows(from, to).x()),
                        test.oneHot(IntStream.range(from, to).toArray()));
                from = to;
                return batch;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Batch probe(int n) {
        return new Batch(
                pipeline.eval(test.rows(0, n).x()),
                test.oneHot(IntStream.range(0, n).toArray()));
    }

    @Override
    public double exactAccuracy(boolean[] correct) {
        if (request.dataset() != DatasetName.CIFAR10 || test.size() < Cifar10.EXACT_TEST_RECORDS) {
            return Double.NaN;
        }
        int hits = 0;
        for (int n = 0; n < Cifar10.EXACT_TEST_RECORDS; n++) {
            hits += correct[n] ? 1 : 0;
        }
        return (double) hits / Cifar10.EXACT_TEST_RECORDS;
    }

    @Override
    public String describe() {
        return request.dataset() + " in memory: " + train.size() + " training and " + test.size() + " test samples";
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
