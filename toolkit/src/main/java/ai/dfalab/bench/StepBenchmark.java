package ai.dfalab.bench;

import ai.dfalab.blas.Backend;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.BlockNetwork;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.SignalScale;
import ai.dfalab.train.TrainingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * {@code copies} independent trainings at once on as many threads, one BLAS thread each (as
     * {@code experiments.Sweep} runs them): their total steps per second. One copy is {@link #run}.
     */
    public static Timing runSideBySide(FcSpec spec, String rule, Path path, int batch, int steps, int warmup, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        if (copies == 1) {
            return run(spec, rule, path, batch, steps, warmup);
        }
        int blas = Backend.blasThreads();
        int nd4j = Backend.nd4jThreads();
        Backend.setThreads(1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Timing>> runs = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                FcSpec copy = spec.withSeed(spec.seed() + c);
                runs.add(pool.submit(() -> run(copy, rule, path, batch, steps, warmup)));
            }
            double total = 0;
            String used = "";
            for (Future<Timing> f : runs) {
                Timing t = f.get();
                total += t.stepsPerSecond();
                used = t.path();
            }
            return new Timing(rule, used, batch, steps * copies, total);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("side-by-side benchmark failed", e);
        } finally {
            pool.shutdownNow();
            Backend.setThreads(blas, nd4j);
        }
    }

    public static Timing run(FcSpec spec, String rule, Path path, int batch, int steps, int warmup) {
        BlockNetwork net = FcNetworks.build(spec);
        TrainingRule r = rule.equals("bp") ? new Backprop()
                : new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), spec.classes(), spec.seed()), SignalScale.SUM);
        Learner learner = path == Path.FAST ? new Learner(net, r) : Learner.throughLayers(net, r);
        Nd4j.getRandom().setSeed(spec.seed());
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, spec.inputs());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, spec.classes());
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, n % spec.classes(), 1);
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
