package ai.dfalab.bench;

import ai.dfalab.backend.Backend;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.FeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.Rule;
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
    private StepBenchmark() {}

    /** Which implementation of the step to time: the engine, or DL4J's own layers (the engine's reference). */
    public enum Path {
        ENGINE,
        LAYERS
    }

    /**
     * One timing; {@code blockThreads} > 0 when DFA's block updates ran concurrently. {@code cpuMsPerStep} is the
     * process's CPU time per step (all threads): the work a step costs, less sensitive than wall time to a busy machine.
     */
    public record Timing(
            String rule,
            String feedback,
            String path,
            int blockThreads,
            int batch,
            int steps,
            double stepsPerSecond,
            double cpuMsPerStep) {}

    /**
     * {@code copies} independent trainings at once on as many threads, one BLAS thread each (as
     * {@code experiments.Sweep} runs them): their total steps per second. One copy is {@link #run}.
     */
    public static Timing runSideBySide(
            FcSpec spec, String rule, FeedbackKind feedback, Path path, int batch, int steps, int warmup, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        if (copies == 1) {
            return run(spec, rule, feedback, path, 0, batch, steps, warmup);
        }
        int blas = Backend.blasThreads();
        int nd4j = Backend.nd4jThreads();
        Backend.setThreads(1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Timing>> runs = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                FcSpec copy = spec.withSeed(spec.seed() + c);
                runs.add(pool.submit(() -> run(copy, rule, feedback, path, 0, batch, steps, warmup)));
            }
            double total = 0;
            double cpuMs = 0; // each copy saw the whole process's CPU time over (about) the same window
            Timing last = null;
            for (Future<Timing> f : runs) {
                last = f.get();
                total += last.stepsPerSecond();
                cpuMs += last.cpuMsPerStep() / copies / copies;
            }
            return new Timing(last.rule(), last.feedback(), last.path(), 0, batch, steps * copies, total, cpuMs);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("side-by-side benchmark failed", e);
        } finally {
            pool.shutdownNow();
            Backend.setThreads(blas, nd4j);
        }
    }

    public static Timing run(FcSpec spec, String rule, Path path, int batch, int steps, int warmup) {
        return run(spec, rule, FeedbackKind.UNIFIED, path, 0, batch, steps, warmup);
    }

    /** As {@link #run(FcSpec, String, Path, int, int, int)} with DFA's feedback kind and 0 (sequential) or more block threads. */
    public static Timing run(
            FcSpec spec,
            String rule,
            FeedbackKind feedback,
            Path path,
            int blockThreads,
            int batch,
            int steps,
            int warmup) {
        return run(
                FcNetworks.build(spec),
                spec.inputs(),
                spec.seed(),
                rule,
                feedback,
                path,
                blockThreads,
                batch,
                steps,
                warmup);
    }

    /** Times {@code net} (a fresh one per call: it trains) on batches of {@code inputs} Gaussian features. */
    public static Timing run(
            BlockNetwork net,
            int inputs,
            long seed,
            String rule,
            FeedbackKind feedback,
            Path path,
            int blockThreads,
            int batch,
            int steps,
            int warmup) {
        if (steps < 1 || warmup < 0 || batch < 1) {
            throw new IllegalArgumentException(
                    "need steps >= 1, warmup >= 0 and batch >= 1; got " + steps + ", " + warmup + " and " + batch);
        }
        int classes = net.classes();
        Rule parsed = Rule.parse(rule);
        TrainingRule r = switch (parsed) {
            case BP -> new Backprop();
            case FA -> new FeedbackAlignment(net, seed);
            case DFA -> new DirectFeedbackAlignment(feedback.create(net.pointSizes(), classes, seed), SignalScale.SUM);
        };
        Learner learner =
                path == Path.LAYERS ? Learner.throughLayers(net, r) : Learner.concurrentBlocks(net, r, blockThreads);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, inputs);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, n % classes, 1);
        }
        for (int i = 0; i < warmup; i++) {
            learner.step(x, y);
        }
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            learner.step(x, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6 / steps;
        boolean dfa = parsed == Rule.DFA;
        return new Timing(
                parsed.id(),
                dfa ? feedback.id() : "-",
                learner.onEngine() ? "engine" : "layers",
                dfa && path == Path.ENGINE ? blockThreads : 0,
                batch,
                steps,
                steps / seconds,
                cpuMs);
    }
}
