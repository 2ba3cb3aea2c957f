package ai.dfalab.spark;

import ai.dfalab.backend.Backend;
import ai.dfalab.run.ConsoleProgress;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * A list of runs as Spark tasks, one task per run, each running (or reusing, or resuming) its run in a store every
 * executor reaches, with one BLAS thread. Runs share no state: a task's result is in the store, and the driver reads
 * what the tasks return. A task that dies (its executor killed) is retried by Spark and resumes its run from its
 * last checkpoint; a run that diverges is a result, not a failed task.
 */
public final class SparkSweep {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JavaSparkContext spark;
    private final String store;
    private final String dataRoot;

    /**
     * @param store    the run store, a path every executor reads and writes (a shared folder)
     * @param dataRoot the data root, at the same path on every executor
     */
    public SparkSweep(JavaSparkContext spark, Path store, Path dataRoot) {
        this.spark = spark;
        this.store = store.toAbsolutePath().toString();
        this.dataRoot = dataRoot.toAbsolutePath().toString();
    }

    /** Runs every spec (finished ones are reused from the store); results in the order of the specs. */
    public List<RunResult> run(List<RunSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        List<String> tasks = specs.stream().map(SparkSweep::write).toList();
        return spark.parallelize(tasks, tasks.size()).map(new RunTask(store, dataRoot)).collect().stream()
                .map(json -> read(json, RunResult.class))
                .toList();
    }

    /** One run on an executor: specs and results travel as JSON (the toolkit's records are not Java-serialisable). */
    private record RunTask(String store, String dataRoot) implements Function<String, String> {
        @Override
        public String call(String spec) {
            Backend.setBlasThreads(1); // one BLAS thread per task: the executor's cores are its tasks'
            RunSpec run = read(spec, RunSpec.class);
            RunResult result = new Experiment(new ResultStore(Path.of(store)), new ConsoleProgress())
                    .readingDataFrom(Path.of(dataRoot))
                    .run(run);
            return write(result);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " from " + json, e);
        }
    }
}
