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
import ai.dfalab.train.engine.StageTimes;
import java.util.ArrayList;
import java.util.Arrays;
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
     * {@code stages}: the engine's time per stage over the timed steps, when asked for ({@link Setup#stages}), else
     * empty.
     */
    public record Timing(
            String rule,
            String feedback,
            String path,
            int blockThreads,
            int batch,
            int steps,
            double stepsPerSecond,
            double cpuMsPerStep,
            List<StageTimes.Row> stages) {}

    /**
     * What to time: a rule, DFA's feedback kind (ignored by the other rules), the path, 0 (a sequential step) or more
     * threads running DFA's block updates concurrently, the batch, the timed steps and the untimed warm-up steps (for
     * the JIT to compile the kernels), and whether to time each stage of the engine's step.
     */
    public record Setup(
            Rule rule,
            FeedbackKind feedback,
            Path path,
            int blockThreads,
            int batch,
            int steps,
            int warmup,
            boolean stages) {
        public Setup {
            if (steps < 1 || warmup < 0 || batch < 1 || blockThreads < 0) {
                throw new IllegalArgumentException(
                        "need steps >= 1, warmup >= 0, batch >= 1 and blockThreads >= 0; got " + steps + ", " + warmup
                                + ", " + batch + " and " + blockThreads);
            }
        }

        /** A sequential step on the engine, with the unified feedback matrix for DFA. */
        public static Setup of(Rule rule, int batch, int steps, int warmup) {
            return new Setup(rule, FeedbackKind.UNIFIED, Path.ENGINE, 0, batch, steps, warmup, false);
        }

        public Setup withFeedback(FeedbackKind kind) {
            return new Setup(rule, kind, path, blockThreads, batch, steps, warmup, stages);
        }

        public Setup withBlockThreads(int threads) {
            return new Setup(rule, feedback, path, threads, batch, steps, warmup, stages);
        }
    }

    /**
     * {@code copies} independent trainings at once on as many threads, one BLAS thread each (as {@code run.Sweep}
     * runs them): their total steps per second. One copy is {@link #run}; the setup's block threads are not used.
     */
    public static Timing runSideBySide(FcSpec spec, Setup setup, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        Setup sequential = setup.withBlockThreads(0);
        if (copies == 1) {
            return run(spec, sequential);
        }
        int blas = Backend.blasThreads();
        int nd4j = Backend.nd4jThreads();
        Backend.setThreads(1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Timing>> runs = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                FcSpec copy = spec.withSeed(spec.seed() + c);
                runs.add(pool.submit(() -> run(copy, sequential)));
            }
            double total = 0;
            double cpuMs = 0; // each copy saw the whole process's CPU time over (about) the same window
            Timing last = null;
            for (Future<Timing> f : runs) {
                last = f.get();
                total += last.stepsPerSecond();
                cpuMs += last.cpuMsPerStep() / copies / copies;
            }
            return new Timing(
                    last.rule(),
                    last.feedback(),
                    last.path(),
                    0,
                    setup.batch(),
                    setup.steps() * copies,
                    total,
                    cpuMs,
                    List.of());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("side-by-side benchmark failed", e);
        } finally {
            pool.shutdownNow();
            Backend.setThreads(blas, nd4j);
        }
    }

    /** Times the FC network {@code spec} describes. */
    public static Timing run(FcSpec spec, Setup setup) {
        return run(FcNetworks.build(spec), spec.seed(), setup);
    }

    /** Times {@code net} (a fresh one per call: it trains) on batches of Gaussian inputs of its input shape. */
    public static Timing run(BlockNetwork net, long seed, Setup setup) {
        int batch = setup.batch();
        FeedbackKind feedback = setup.feedback();
        int classes = net.classes();
        TrainingRule r = switch (setup.rule()) {
            case BP -> new Backprop();
            case FA -> new FeedbackAlignment(net, seed);
            case DFA -> new DirectFeedbackAlignment(feedback.create(net.pointSizes(), classes, seed), SignalScale.SUM);
        };
        Learner learner = setup.path() == Path.LAYERS
                ? Learner.throughLayers(net, r)
                : Learner.concurrentBlocks(net, r, setup.blockThreads());
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(
                DataType.FLOAT, batch, Arrays.stream(net.inputShape()).reduce(1, (a, b) -> a * b));
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, n % classes, 1);
        }
        for (int i = 0; i < setup.warmup(); i++) {
            learner.step(x, y);
        }
        StageTimes times = setup.stages() ? learner.timeStages() : null;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < setup.steps(); i++) {
            learner.step(x, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6 / setup.steps();
        boolean dfa = setup.rule() == Rule.DFA;
        return new Timing(
                setup.rule().id(),
                dfa ? feedback.id() : "-",
                learner.onEngine() ? "engine" : "layers",
                dfa && setup.path() == Path.ENGINE ? setup.blockThreads() : 0,
                batch,
                setup.steps(),
                setup.steps() / seconds,
                cpuMs,
                times == null ? List.of() : times.rows());
    }
}
