package ai.dfalab.cli;

import ai.dfalab.backend.Backend;
import ai.dfalab.backend.BlasKernels;
import ai.dfalab.bench.StepBenchmark;
import ai.dfalab.data.DataLocation;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.run.RunSpec;
import ai.dfalab.train.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Times training steps on synthetic data; prints each timing, then a JSON summary as the last line. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Steps per second of training steps on synthetic data (no data loading).")
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            defaultValue = "fc3x800",
            converter = Choices.BenchModels.class,
            description = "fc3x800 (default), cnn (Table 4), vgg16-small (32x32) or vgg16 (224x224)")
    String model;

    @Option(
            names = "--classes",
            converter = Values.AtLeastTwo.class,
            description = "classes of a VGG-16 (default: 10 for vgg16-small, 100 for vgg16)")
    Integer classes;

    @Option(
            names = "--width-divisor",
            defaultValue = "1",
            converter = Values.WidthDivisor.class,
            description = "VGG-16 convolutions get channels / this many filters (default: ${DEFAULT-VALUE})")
    int widthDivisor;

    @Option(
            names = "--batch-norm",
            description =
                    "batch norm after each hidden activation: Table 2's norm+BN row (fc3x800), Table 4's BN row (cnn)")
    boolean batchNorm;

    @Option(
            names = "--dropout",
            converter = Values.DropRate.class,
            description = "fc3x800 with dropout 0.1 on the input and this rate after each hidden layer, as Table 2's "
                    + "norm+DO rows (default: none)")
    Double dropout;

    private int[] pointSizes;

    @Option(
            names = "--rule",
            defaultValue = "dfa",
            converter = Choices.BenchRules.class,
            description = "bp, fa (dense stacks only), dfa or both (dfa then bp) (default: ${DEFAULT-VALUE})")
    String rule;

    @Option(
            names = "--path",
            defaultValue = "engine",
            converter = Choices.Paths.class,
            description =
                    "engine (the training engine) or layers (DL4J's own layers, its reference) (default: ${DEFAULT-VALUE})")
    StepBenchmark.Path path;

    @Option(
            names = "--feedback",
            defaultValue = "unified",
            converter = Choices.Feedbacks.class,
            description =
                    "DFA's feedback: unified, unified-nonorm, per-layer, seeded, seeded-nonorm or structured (default: ${DEFAULT-VALUE})")
    FeedbackKind feedback;

    @Option(
            names = "--block-threads",
            defaultValue = "0",
            converter = Values.AtLeastZero.class,
            description =
                    "threads running DFA's block updates concurrently (0: sequential step) (default: ${DEFAULT-VALUE})")
    int blockThreads;

    @Option(
            names = "--blas-threads",
            defaultValue = "0",
            converter = Values.AtLeastZero.class,
            description = "OpenBLAS threads per GEMM (0: leave OpenBLAS's own choice) (default: ${DEFAULT-VALUE})")
    int blasThreads;

    @Option(
            names = "--batch",
            defaultValue = "128",
            converter = Values.AtLeastOne.class,
            description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--steps",
            defaultValue = "200",
            converter = Values.AtLeastOne.class,
            description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(
            names = "--parallel",
            defaultValue = "1",
            converter = Values.AtLeastOne.class,
            description =
                    "independent trainings side by side, one BLAS thread each, as a sweep runs them; prints their total steps/s (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(
            names = "--warmup",
            defaultValue = "100",
            converter = Values.AtLeastZero.class,
            description = "untimed steps first, for the JIT to compile the kernels (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--stages",
            description = "also time each stage of the engine's step (forward, backward, GFLOP/s of the products) over"
                    + " the timed steps: where the time goes")
    boolean stages;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (rule.equals("fa") && !model.equals("fc3x800")) {
            throw invalid("--rule fa: feedback alignment takes plain dense stacks (fc3x800), not " + model);
        }
        if (classes != null && !model.startsWith("vgg16")) {
            throw invalid("--classes " + classes + ": only the VGG-16 models take it, not " + model);
        }
        if (batchNorm && !model.equals("cnn") && !model.equals("fc3x800")) {
            throw invalid("--batch-norm: only the fc3x800 and cnn models take it, not " + model);
        }
        if (dropout != null && !model.equals("fc3x800")) {
            throw invalid("--dropout " + dropout + ": only fc3x800 takes it, not " + model);
        }
        if (widthDivisor != 1 && !model.startsWith("vgg16")) {
            throw invalid("--width-divisor " + widthDivisor + ": only the VGG-16 models take it, not " + model);
        }
        if (parallel > 1 && !model.equals("fc3x800")) {
            throw invalid(
                    "--parallel " + parallel + ": only fc3x800 (a sweep's small networks) takes it, not " + model);
        }
        if (parallel > 1 && (blockThreads > 0 || blasThreads > 0)) {
            throw invalid("--parallel " + parallel + " runs each training on one thread with one BLAS thread: it"
                    + " excludes --block-threads and --blas-threads");
        }
        if (blockThreads > 0 && (rule.equals("bp") || rule.equals("fa"))) { // "both": DFA's timing takes them
            throw invalid("--block-threads " + blockThreads + ": only DFA's block updates run concurrently, not --rule "
                    + rule);
        }
        if (stages && (path != StepBenchmark.Path.ENGINE || parallel > 1)) {
            throw invalid("--stages times the engine's stages: it takes neither --path layers nor --parallel");
        }
        BlasKernels.adviceOnce().ifPresent(System.err::println);
        if (blasThreads > 0) {
            Backend.setBlasThreads(blasThreads);
        }
        List<Rule> rules = rule.equals("both") ? List.of(Rule.DFA, Rule.BP) : List.of(Rule.parse(rule));
        List<StepBenchmark.Timing> timings = new ArrayList<>();
        for (Rule r : rules) {
            StepBenchmark.Timing t = timing(r);
            System.out.printf(
                    Locale.ROOT,
                    "%s%s%s %s %s %s block-threads %d batch %d%s: %.1f steps/s (%.2f ms/step, %.2f CPU ms/step)%n",
                    model,
                    batchNorm ? "+bn" : "",
                    dropout != null ? "+do(" + dropout + ")" : "",
                    r.id(),
                    t.feedback(),
                    t.path(),
                    t.blockThreads(),
                    batch,
                    parallel > 1 ? ", " + parallel + " side by side (total)" : "",
                    t.stepsPerSecond(),
                    1000 / t.stepsPerSecond(),
                    t.cpuMsPerStep());
            t.stages().forEach(row -> System.out.println("  " + row));
            timings.add(t);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps_per_second", timings.get(0).stepsPerSecond());
        summary.put("timings", timings);
        Map<String, String> settings = Backend.settings();
        settings.put("nd4j_threads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        settings.put("openblas_threads", String.valueOf(Backend.blasThreads()));
        settings.put(
                "vector_api",
                String.valueOf(
                        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()));
        summary.put("settings", settings);
        if (model.startsWith("vgg16")) {
            VggSpec spec = vggSpec();
            summary.put("feedback_bytes_unified", FeedbackKind.UNIFIED.bytesFor(pointSizes, spec.classes()));
        }
        System.out.println(Json.line(summary));
        return 0;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    private StepBenchmark.Timing timing(Rule r) {
        StepBenchmark.Setup setup =
                new StepBenchmark.Setup(r, feedback, path, blockThreads, batch, steps, warmup, stages);
        if (model.equals("fc3x800")) {
            FcSpec fc = FcSpec.fc3x800Cifar10()
                    .withBatchNorm(batchNorm)
                    .withDropout(dropout == null ? 0 : 0.1, dropout == null ? 0 : dropout);
            return parallel > 1 ? StepBenchmark.runSideBySide(fc, setup, parallel) : StepBenchmark.run(fc, setup);
        }
        if (model.equals("cnn")) {
            RunSpec cnn =
                    RunSpec.paper().withModel(ModelSpec.of(Architecture.CNN).withBatchNorm(batchNorm));
            return StepBenchmark.run(cnn.network(DataLocation.root()), cnn.seed(), setup);
        }
        VggSpec spec = vggSpec();
        BlockNetwork net = Vgg16.build(spec);
        pointSizes = net.pointSizes();
        return StepBenchmark.run(net, spec.seed(), setup);
    }

    private VggSpec vggSpec() {
        VggSpec spec = model.equals("vgg16")
                ? VggSpec.imageNet(classes == null ? 100 : classes)
                : VggSpec.small(classes == null ? 10 : classes);
        return spec.withWidthDivisor(widthDivisor);
    }
}
