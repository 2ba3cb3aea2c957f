package ai.dfalab.cli;

import ai.dfalab.blas.Backend;
import ai.dfalab.bench.StepBenchmark;
import ai.dfalab.data.Cifar10;
import ai.dfalab.experiments.Networks;
import ai.dfalab.experiments.RunSpec;
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
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Steps per second of training steps on synthetic data (no data loading).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "fc3x800", description = "fc3x800 or cnn (Table 4), CIFAR-10 shapes (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--rule", defaultValue = "dfa", description = "bp, dfa or both (default: ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--path", defaultValue = "fast", description = "fast (dense fast path where it applies) or layers (DL4J layers) (default: ${DEFAULT-VALUE})")
    String path;
    @Option(names = "--batch", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--steps", defaultValue = "200", description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--warmup", defaultValue = "100", description = "untimed steps first, for the JIT to compile the kernels (default: ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        RunSpec spec = RunSpec.paper().model(model);
        List<String> rules = rule.equals("both") ? List.of("dfa", "bp") : List.of(rule);
        StepBenchmark.Path p = StepBenchmark.Path.valueOf(path.toUpperCase(Locale.ROOT));
        List<StepBenchmark.Timing> timings = new ArrayList<>();
        for (String r : rules) {
            StepBenchmark.Timing t = StepBenchmark.run(Networks.build(spec), Cifar10.PIXELS, r, p, batch, steps,
                    warmup, spec.seed());
            System.out.printf(Locale.ROOT, "%s %s %s batch %d: %.1f steps/s (%.2f ms/step)%n", model, r, t.path(), batch,
                    t.stepsPerSecond(), 1000 / t.stepsPerSecond());
            timings.add(t);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps_per_second", timings.get(0).stepsPerSecond());
        summary.put("timings", timings);
        Map<String, String> settings = Backend.settings();
        settings.put("nd4j_threads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        settings.put("vector_api", String.valueOf(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()));
        summary.put("settings", settings);
        System.out.println(Json.line(summary));
        return 0;
    }
}
