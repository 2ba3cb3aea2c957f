package ai.dfalab.experiments;

import ai.dfalab.data.Batch;
import ai.dfalab.data.Cifar10;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.LabeledData;
import ai.dfalab.data.Split;
import ai.dfalab.train.BlockNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A data set held in memory ({@link DataCache}): the first {@code trainLimit} and {@code testLimit} samples, each
 * batch passed through the run's {@link InputPipeline} (Table 3's scaling for 224x224 networks on CIFAR).
 */
final class InMemoryData implements TrainingData {
    private final RunSpec spec;
    private final LabeledData train;
    private final LabeledData test;
    private final InputPipeline pipeline;

    private InMemoryData(RunSpec spec, LabeledData train, LabeledData test) {
        this.spec = spec;
        this.train = train;
        this.test = test;
        this.pipeline = InputPipeline.forRun(spec);
    }

    static InMemoryData open(RunSpec spec, Path root) {
        LabeledData train = DataCache.get(spec.dataset(), Split.TRAIN, root);
        LabeledData test = DataCache.get(spec.dataset(), Split.TEST, root);
        return new InMemoryData(spec, first(train, spec.trainLimit()), first(test, spec.testLimit()));
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
                long crops = (seed * 1_000_003L + epoch) * 100_003L + step++;   // the same crops on a resume
                return pipeline.train(train.batch(idx), crops);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Evaluator.Evaluation evaluate(BlockNetwork net) {
        return Evaluator.evaluate(net, test, pipeline::eval);
    }

    @Override
    public Batch probe(int n) {
        return new Batch(pipeline.eval(test.rows(0, n).x()), test.oneHot(IntStream.range(0, n).toArray()));
    }

    @Override
    public double exactAccuracy(boolean[] correct) {
        return spec.dataset() == DatasetName.CIFAR10 && test.size() >= Cifar10.EXACT_TEST_RECORDS
                ? Evaluator.accuracy(correct, 0, Cifar10.EXACT_TEST_RECORDS) : Double.NaN;
    }

    @Override
    public String describe() {
        return spec.dataset() + " in memory: " + train.size() + " training and " + test.size() + " test samples";
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
