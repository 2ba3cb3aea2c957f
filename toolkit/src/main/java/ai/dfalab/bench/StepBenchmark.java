package ai.dfalab.bench;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.BlockNetwork;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.SignalScale;
import ai.dfalab.train.TrainingRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Times training steps of a model on synthetic data (no data loading): steps per second after a warm-up. */
public final class StepBenchmark {
    private StepBenchmark() {
    }

    /** Which implementation of the step to time. */
    public enum Path { FAST, LAYERS }

    /** One timing. */
    public record Timing(String rule, String path, int batch, int steps, double stepsPerSecond) {
    }

    public static Timing run(FcSpec spec, String rule, Path path, int batch, int steps, int warmup) {
        return run(FcNetworks.build(spec), spec.inputs(), rule, path, batch, steps, warmup, spec.seed());
    }

    /** Times {@code net} (fed {@code inputs} features per sample) under {@code rule}, feedback drawn from {@code seed}. */
    public static Timing run(BlockNetwork net, int inputs, String rule, Path path, int batch, int steps, int warmup, long seed) {
        int classes = net.classes();
        TrainingRule r = rule.equals("bp") ? new Backprop()
                : new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), classes, seed), SignalScale.SUM);
        Learner learner = path == Path.FAST ? new Learner(net, r) : Learner.throughLayers(net, r);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, inputs);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, n % classes, 1);
        }
        for (int i = 0; i < warmup; i++) {
            learner.step(x, y);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            learner.step(x, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timing(rule, learner.fastPath() ? "fast" : "layers", batch, steps, steps / seconds);
    }
}
