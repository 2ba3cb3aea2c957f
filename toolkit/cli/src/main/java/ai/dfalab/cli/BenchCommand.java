package ai.dfalab.cli;

import ai.dfalab.backend.Backend;
import ai.dfalab.bench.StepBenchmark;
import ai.dfalab.data.Cifar10;
import ai.dfalab.data.DataLocation;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.run.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Times training steps on synthetic data; prints each timing, then a JSON summary as the last line. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Steps per second of training steps on synthetic data (no data loading).")
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            defaultValue = "fc3x800",
            description = "fc3x800 (default), cnn (Table 4), vgg16-small (32x32) or vgg16 (224x224)")
    String model;

    @Option(names = "--classes", description = "classes of a VGG-16 (default: 10 for vgg16-small, 100 for vgg16)")
    Integer classes;

    @Option(
            names = "--width-divisor",
            defaultValue = "1",
            description = "VGG-16 convolutions get channels / this many filters (default: ${DEFAULT-VALUE})")
    int widthDivisor;

    @Option(names = "--batch-norm", description = "the CNN with batch norm after each activation (Table 4's BN row)")
    boolean batchNorm;

    private int[] pointSizes;

    @Option(names = "--rule", defaultValue = "dfa", description = "bp, dfa or both (default: ${DEFAULT-VALUE})")
    String rule;

    @Option(
            names = "--path",
            defaultValue = "fast",
            description = "fast (dense fast path where it applies) or layers (DL4J layers) (default: ${DEFAULT-VALUE})")
    String path;

    @Option(
            names = "--feedback",
            defaultValue = "unified",
            description =
                    "DFA's feedback: unified, unified-nonorm, per-layer, seeded, seeded-nonorm or structured (default: ${DEFAULT-VALUE})")
    String feedback;

    @Option(
            names = "--block-threads",
            defaultValue = "0",
            description =
                    "threads running DFA's block updates concurrently (0: sequential step) (default: ${DEFAULT-VALUE})")
    int blockThreads;

    @Option(
            names = "--blas-threads",
            defaultValue = "0",
            description = "OpenBLAS threads per GEMM (0: leave OpenBLAS's own choice) (default: ${DEFAULT-VALUE})")
    int blasThreads;

    @Option(names = "--batch", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "200", description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(
            names = "--parallel",
            defaultValue = "1",
            description =
                    "independent trainings side by side, one BLAS thread each, as a sweep runs them; prints their total steps/s (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(
            names = "--warmup",
            defaultValue = "100",
            description = "untimed steps first, for the JIT to compile the kernels (default: ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        if (!List.of("fc3x800", "cnn", "vgg16-small", "vgg16").contains(model)) {
            throw new IllegalArgumentException(
                    "unknown model '" + model + "': expected fc3x800, cnn, vgg16-small or vgg16");
        }
        if (classes != null && (model.equals("fc3x800") || classes < 2)) {
            throw new IllegalArgumentException(
                    "--classes applies to the VGG-16 models and must be >= 2, got " + classes + " for " + model);
        }
        if (batchNorm && !model.equals("cnn")) {
            throw new IllegalArgumentException("--batch-norm applies to the cnn model, not " + model);
        }
        if (blockThreads < 0 || blasThreads < 0) {
            throw new IllegalArgumentException(
                    "--block-threads and --blas-threads must be >= 0, got " + blockThreads + " and " + blasThreads);
        }
        if (parallel > 1 && !model.equals("fc3x800")) {
            throw new IllegalArgumentException("--parallel is for fc3x800 (a sweep's small networks), not " + model);
        }
        if (parallel > 1 && (blockThreads > 0 || blasThreads > 0)) {
            throw new IllegalArgumentException(
                    "--parallel runs each training on one thread with one BLAS thread: it excludes --block-threads and --blas-threads");
        }
        FeedbackKind kind = FeedbackKind.parse(feedback);
        if (blasThreads > 0) {
            Backend.setBlasThreads(blasThreads);
        }
        List<String> rules = rule.equals("both") ? List.of("dfa", "bp") : List.of(rule);
        StepBenchmark.Path p = StepBenchmark.Path.valueOf(path.toUpperCase(Locale.ROOT));
        List<StepBenchmark.Timing> timings = new ArrayList<>();
        for (String r : rules) {
            StepBenchmark.Timing t = timing(r, kind, p);
            System.out.printf(
                    Locale.ROOT,
                    "%s%s %s %s %s block-threads %d batch %d%s: %.1f steps/s (%.2f ms/step, %.2f CPU ms/step)%n",
                    model,
                    batchNorm ? "+bn" : "",
                    r,
                    t.feedback(),
                    t.path(),
                    t.blockThreads(),
                    batch,
                    parallel > 1 ? ", " + parallel + " side by side (total)" : "",
                    t.stepsPerSecond(),
                    1000 / t.stepsPerSecond(),
                    t.cpuMsPerStep());
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

    private StepBenchmark.Timing timing(String r, FeedbackKind kind, StepBenchmark.Path p) {
        if (model.equals("fc3x800")) {
            return parallel > 1
                    ? StepBenchmark.runSideBySide(FcSpec.fc3x800Cifar10(), r, kind, p, batch, steps, warmup, parallel)
                    : StepBenchmark.run(FcSpec.fc3x800Cifar10(), r, kind, p, blockThreads, batch, steps, warmup);
        }
        if (model.equals("cnn")) {
            RunSpec cnn =
                    RunSpec.paper().withModel(ModelSpec.of(Architecture.CNN).withBatchNorm(batchNorm));
            return StepBenchmark.run(
                    cnn.network(DataLocation.root()),
                    Cifar10.PIXELS,
                    cnn.seed(),
                    r,
                    kind,
                    p,
                    blockThreads,
                    batch,
                    steps,
                    warmup);
        }
        VggSpec spec = vggSpec();
        BlockNetwork net = Vgg16.build(spec);
        pointSizes = net.pointSizes();
        return StepBenchmark.run(net, spec.inputs(), spec.seed(), r, kind, p, blockThreads, batch, steps, warmup);
    }

    private VggSpec vggSpec() {
        VggSpec spec = model.equals("vgg16")
                ? VggSpec.imageNet(classes == null ? 100 : classes)
                : VggSpec.small(classes == null ? 10 : classes);
        return spec.withWidthDivisor(widthDivisor);
    }
}
