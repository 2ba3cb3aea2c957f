package ai.dfalab.paper;

import ai.dfalab.backend.Backend;
import ai.dfalab.bench.StepBenchmark;
import ai.dfalab.data.DataLocation;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.train.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Beyond the paper: DFA feedback that stores no matrix (seeded, structured) checked against the unified matrix, and
 * DFA's backward unlocking (the blocks' updates run concurrently) timed against the sequential step.
 */
public final class BeyondThePaper {
    /** The unified matrix and the two kinds that store nothing, in the order the tables show them. */
    public static final List<FeedbackKind> KINDS =
            List.of(FeedbackKind.UNIFIED, FeedbackKind.SEEDED, FeedbackKind.STRUCTURED);

    private BeyondThePaper() {}

    /**
     * Eq. 8's scale on the real objects: per kind and point, the std of {@code B_i}'s entries over the expected
     * {@code 1 / sqrt(l_i e)}, and {@code |E B_i^T| / |E|} on a random batch of 256 errors (expected {@code 1 / sqrt(e)}).
     */
    public static Table scaleCheck(int[] sizes, int classes, long seed) {
        StringColumn kind = StringColumn.create("feedback");
        IntColumn point = IntColumn.create("point");
        IntColumn size = IntColumn.create("l_i");
        DoubleColumn std = DoubleColumn.create("entry std / (1/sqrt(l_i e))");
        DoubleColumn signal = DoubleColumn.create("|E B_i^T| / |E| * sqrt(e)");
        Nd4j.getRandom().setSeed(seed);
        INDArray errors = Nd4j.randn(DataType.FLOAT, 256, classes);
        for (FeedbackKind k : KINDS) {
            Feedback f = k.create(sizes, classes, seed);
            for (int i = 0; i < sizes.length; i++) {
                kind.append(k.id());
                point.append(i + 1);
                size.append(sizes[i]);
                std.append(f.matrix(i).stdNumber().doubleValue() * Math.sqrt((double) sizes[i] * classes));
                signal.append(f.project(i, errors).norm2Number().doubleValue()
                        / errors.norm2Number().doubleValue()
                        * Math.sqrt(classes));
            }
        }
        return Table.create(
                "Eq. 8's scale on each kind (1 = the normalised unified matrix's expectation)",
                kind,
                point,
                size,
                std,
                signal);
    }

    /**
     * The seeded feedback against the matrix its generators materialise ({@link Feedback#matrix}): the largest
     * difference of {@code E B_i^T} computed both ways, on a batch of errors, per point; and whether two objects built
     * from the same seed agree exactly.
     */
    public static Table seededReproducibility(int[] sizes, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray errors = Nd4j.randn(DataType.FLOAT, 64, classes);
        Feedback a = FeedbackKind.SEEDED.create(sizes, classes, seed);
        Feedback b = FeedbackKind.SEEDED.create(sizes, classes, seed);
        IntColumn point = IntColumn.create("point");
        DoubleColumn diff = DoubleColumn.create("max |E B_i^T (regenerated) - E B_i^T (materialised)|");
        DoubleColumn again = DoubleColumn.create("max |difference| between two objects, same seed");
        for (int i = 0; i < sizes.length; i++) {
            INDArray materialised = errors.mmul(a.matrix(i).transpose());
            point.append(i + 1);
            diff.append(a.project(i, errors).sub(materialised).amaxNumber().doubleValue());
            again.append(
                    a.project(i, errors).sub(b.project(i, errors)).amaxNumber().doubleValue());
        }
        return Table.create(
                "Seeded feedback: regenerated blocks vs the materialised matrix (l_i = " + Arrays.toString(sizes)
                        + ", e = " + classes + ")",
                point,
                diff,
                again);
    }

    /**
     * Steps/s of the FC 3x800 DFA step (the engine, synthetic data) with each kind: {@code rounds} interleaved timings
     * of {@code steps} steps each after a warm-up, median and spread, the process's CPU time per step, and the ratios
     * of medians to the unified matrix's.
     */
    public static Table speed(int batch, int steps, int warmup, int rounds) {
        Map<FeedbackKind, List<StepBenchmark.Timing>> timings = new LinkedHashMap<>();
        for (FeedbackKind k : KINDS) {
            timings.put(k, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (FeedbackKind k : KINDS) {
                timings.get(k)
                        .add(StepBenchmark.run(
                                FcSpec.fc3x800Cifar10(),
                                StepBenchmark.Setup.of(Rule.DFA, batch, steps, warmup)
                                        .withFeedback(k)));
            }
        }
        StringColumn kind = StringColumn.create("feedback");
        DoubleColumn median = DoubleColumn.create("steps/s (median)");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn ratio = DoubleColumn.create("steps/s vs unified");
        DoubleColumn cpu = DoubleColumn.create("CPU ms/step (median)");
        DoubleColumn cpuRatio = DoubleColumn.create("CPU vs unified");
        DoubleColumn projection = DoubleColumn.create("projection µs (median)");
        DoubleColumn share = DoubleColumn.create("projection, % of a unified step");
        double unified = median(stepsPerSecond(timings.get(FeedbackKind.UNIFIED)));
        double unifiedCpu = median(cpuMs(timings.get(FeedbackKind.UNIFIED)));
        timings.forEach((k, t) -> {
            double[] s = stepsPerSecond(t);
            kind.append(k.id());
            median.append(median(s));
            min.append(Arrays.stream(s).min().orElseThrow());
            max.append(Arrays.stream(s).max().orElseThrow());
            ratio.append(median(s) / unified);
            cpu.append(median(cpuMs(t)));
            cpuRatio.append(median(cpuMs(t)) / unifiedCpu);
            double micros = projectionMicros(k, batch);
            projection.append(micros);
            share.append(micros / (1e6 / unified) * 100);
        });
        return Table.create(
                "FC 3x800 DFA step, batch " + batch + ": speed per feedback kind (" + rounds + " rounds of " + steps
                        + " steps)",
                kind,
                median,
                min,
                max,
                ratio,
                cpu,
                cpuRatio,
                projection,
                share);
    }

    /**
     * The time of one projection {@code E B^T} (batch x 10 onto 800 units, FC 3x800's one shared signal per step) with
     * feedback {@code kind}: the median of 15 timings of 50 projections after a warm-up. It isolates what a kind adds
     * to the step from the GEMMs, whose time swings with the machine's load.
     */
    public static double projectionMicros(FeedbackKind kind, int batch) {
        Feedback f = kind.create(new int[] {800, 800, 800}, 10, 0);
        INDArray errors = Nd4j.rand(DataType.FLOAT, batch, 10);
        INDArray out = Nd4j.create(DataType.FLOAT, batch, 800);
        for (int i = 0; i < 300; i++) {
            f.project(0, errors, out, 1.0);
        }
        double[] micros = new double[15];
        for (int trial = 0; trial < micros.length; trial++) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                f.project(0, errors, out, 1.0);
            }
            micros[trial] = (System.nanoTime() - start) / 1e3 / 50;
        }
        return median(micros);
    }

    private static double[] stepsPerSecond(List<StepBenchmark.Timing> t) {
        return t.stream().mapToDouble(StepBenchmark.Timing::stepsPerSecond).toArray();
    }

    private static double[] cpuMs(List<StepBenchmark.Timing> t) {
        return t.stream().mapToDouble(StepBenchmark.Timing::cpuMsPerStep).toArray();
    }

    /**
     * The sequential DFA step against the concurrent one ({@code blockThreads} threads for the blocks' updates), with
     * OpenBLAS's threads per GEMM as they are and then at 1 (restored afterwards): ms/step medians over
     * {@code rounds} interleaved timings, and the speed-up over the sequential step of the same BLAS setting.
     */
    public static Table unlocking(int batch, int steps, int warmup, int rounds, int blockThreads) {
        return unlocking("fc3x800", batch, steps, warmup, rounds, blockThreads);
    }

    /**
     * As {@link #unlocking(int, int, int, int, int)} for {@code model}: {@code fc3x800} or {@code cnn} (Table 4's CNN),
     * on the engine, on synthetic CIFAR-shaped inputs.
     */
    public static Table unlocking(String model, int batch, int steps, int warmup, int rounds, int blockThreads) {
        int ownThreads = Backend.blasThreads();
        StringColumn step = StringColumn.create("step");
        IntColumn blasThreads = IntColumn.create("BLAS threads");
        DoubleColumn ms = DoubleColumn.create("ms/step (median)");
        DoubleColumn speedUp = DoubleColumn.create("speed-up");
        DoubleColumn cpu = DoubleColumn.create("CPU ms/step (median)");
        try {
            for (int threads : ownThreads == 1 ? new int[] {1} : new int[] {ownThreads, 1}) {
                Backend.setBlasThreads(threads);
                List<StepBenchmark.Timing> sequential = new ArrayList<>();
                List<StepBenchmark.Timing> concurrent = new ArrayList<>();
                StepBenchmark.Setup setup = StepBenchmark.Setup.of(Rule.DFA, batch, steps, warmup);
                for (int r = 0; r < rounds; r++) {
                    sequential.add(time(model, setup));
                    concurrent.add(time(model, setup.withBlockThreads(blockThreads)));
                }
                double seqMs = 1000 / median(stepsPerSecond(sequential));
                double concMs = 1000 / median(stepsPerSecond(concurrent));
                step.append("sequential").append("concurrent, " + blockThreads + " block threads");
                blasThreads.append(threads).append(threads);
                ms.append(seqMs).append(concMs);
                speedUp.append(1.0).append(seqMs / concMs);
                cpu.append(median(cpuMs(sequential))).append(median(cpuMs(concurrent)));
            }
        } finally {
            Backend.setBlasThreads(ownThreads);
        }
        return Table.create(
                (model.equals("cnn") ? "Table 4 CNN" : "FC 3x800") + " DFA step on the engine, batch "
                        + batch + ": sequential vs concurrent block updates (" + rounds + " rounds of " + steps
                        + " steps)",
                step,
                blasThreads,
                ms,
                speedUp,
                cpu);
    }

    private static StepBenchmark.Timing time(String model, StepBenchmark.Setup setup) {
        if (model.equals("fc3x800")) {
            return StepBenchmark.run(FcSpec.fc3x800Cifar10(), setup);
        }
        RunSpec spec = RunSpec.paper().withModel(ModelSpec.of(Architecture.parse(model)));
        return StepBenchmark.run(spec.network(DataLocation.root()), spec.seed(), setup);
    }

    /** The runs of Table 2's "norm" row (tanh) with each kind: the paper's base run at {@code scale}, seeds 0 to {@code seeds - 1}. */
    public static Map<FeedbackKind, List<RunSpec>> normRowSpecs(RunSpec base, Scale scale, int seeds) {
        Map<FeedbackKind, List<RunSpec>> specs = new LinkedHashMap<>();
        for (FeedbackKind k : KINDS) {
            List<RunSpec> runs = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
                runs.add(scale.apply(base.withFeedback(k), seed));
            }
            specs.put(k, runs);
        }
        return specs;
    }

    /** Runs (or reuses) every run of {@link #normRowSpecs}. */
    public static Map<FeedbackKind, List<RunResult>> normRow(
            Experiment experiment, RunSpec base, Scale scale, int seeds) {
        Map<FeedbackKind, List<RunResult>> results = new LinkedHashMap<>();
        normRowSpecs(base, scale, seeds)
                .forEach((k, specs) ->
                        results.put(k, specs.stream().map(experiment::run).toList()));
        return results;
    }

    /**
     * Per kind: test and train accuracy (percent) and the last epoch's alignment at each layer, mean and std over the
     * seeds; and each kind's distance to the unified matrix in units of the unified runs' spread (std over seeds).
     */
    public static Table compareNorm(Map<FeedbackKind, List<RunResult>> results) {
        StringColumn kind = StringColumn.create("feedback");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn[] cols = {
            DoubleColumn.create("test"),
            DoubleColumn.create("test sd"),
            DoubleColumn.create("train"),
            DoubleColumn.create("train sd"),
            DoubleColumn.create("cos 1"),
            DoubleColumn.create("cos 1 sd"),
            DoubleColumn.create("cos 2"),
            DoubleColumn.create("cos 2 sd"),
            DoubleColumn.create("cos 3"),
            DoubleColumn.create("cos 3 sd"),
            DoubleColumn.create("|Δ test| / unified sd")
        };
        List<RunResult> unified = results.get(FeedbackKind.UNIFIED);
        double unifiedTest = Stats.mean(values(unified, r -> 100 * r.testAccuracy()));
        double unifiedSd = Stats.std(values(unified, r -> 100 * r.testAccuracy()));
        results.forEach((k, r) -> {
            kind.append(k.id());
            runs.append(r.size());
            double[] test = values(r, x -> 100 * x.testAccuracy());
            double[] train = values(r, x -> 100 * x.trainAccuracy());
            cols[0].append(Stats.mean(test));
            cols[1].append(Stats.std(test));
            cols[2].append(Stats.mean(train));
            cols[3].append(Stats.std(train));
            for (int l = 0; l < 3; l++) {
                int layer = l;
                double[] cos = values(r, x -> x.last().alignmentMean()[layer]);
                cols[4 + 2 * l].append(Stats.mean(cos));
                cols[5 + 2 * l].append(Stats.std(cos));
            }
            cols[10].append(unifiedSd > 0 ? Math.abs(Stats.mean(test) - unifiedTest) / unifiedSd : Double.NaN);
        });
        Table t = Table.create(
                "Table 2's \"norm\" row (tanh) per feedback kind: accuracy % and alignment, mean (sd) over seeds",
                kind, runs);
        t.addColumns(cols);
        for (DoubleColumn c : cols) {
            c.setPrintFormatter(new java.text.DecimalFormat("0.00"), "");
        }
        return t;
    }

    private static double[] values(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> value) {
        return runs.stream().mapToDouble(value).toArray();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
