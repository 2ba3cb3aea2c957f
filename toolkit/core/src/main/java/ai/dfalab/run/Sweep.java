package ai.dfalab.run;

import ai.dfalab.backend.Backend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs several independent {@link RunSpec}s, on {@code workers} threads at once. Small networks do not keep two
 * cores busy inside one product, so side-by-side runs with one BLAS thread each finish a sweep sooner than one run
 * at a time on every core (measured on our 2-vCPU machines: docs/speed-history.md). Results come back in
 * the order of the specs; every run is stored as it finishes, so an interrupted sweep resumes where it stopped.
 */
public final class Sweep {
    private Sweep() {}

    /** One worker per core: what was measured fastest for the paper's FC networks here. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs (or reuses) every spec of every group, one after the other, keeping the groups (a table's rows). */
    public static Map<String, List<RunResult>> runGroups(Experiment experiment, Map<String, List<RunSpec>> groups) {
        Map<String, List<RunResult>> results = new LinkedHashMap<>();
        groups.forEach((name, specs) ->
                results.put(name, specs.stream().map(experiment::run).toList()));
        return results;
    }

    /** Runs (or reuses) every spec with {@code workers} side by side; {@code workers = 1} is one after the other. */
    public static List<RunResult> run(Experiment experiment, List<RunSpec> specs, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (workers == 1 || specs.size() < 2) {
            return specs.stream().map(experiment::run).toList();
        }
        int blasThreads = Backend.blasThreads();
        int nd4jThreads = Backend.nd4jThreads();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, specs.size()), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        Backend.setThreads(1, 1);
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            RunResult[] results = new RunResult[specs.size()];
            for (int i = 0; i < specs.size(); i++) {
                int index = i;
                done.submit(() -> {
                    results[index] = experiment.run(specs.get(index));
                    return index;
                });
            }
            for (int i = 0; i < specs.size(); i++) {
                done.take().get(); // the first failure ends the sweep at once
            }
            return List.of(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted (finished runs are stored and will be reused)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow(); // a failed run stops the others at their next step (Experiment checks)
            awaitQuietly(pool);
            Backend.setThreads(blasThreads, nd4jThreads);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
