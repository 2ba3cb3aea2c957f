package ai.dfalab.spark;

import ai.dfalab.backend.Backend;
import ai.dfalab.run.ConsoleProgress;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A list of runs as Spark tasks, one task per run, each running (or reusing, or resuming) its run in a store every
 * executor reaches, with one BLAS thread. Runs share no state: a task's result is in the store, and the driver reads
 * what the tasks return. A task that dies (its executor killed) is retried by Spark and resumes its run from its
 * last checkpoint; a run that diverges is a result, not a failed task.
 */
public final class SparkSweep {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JavaSparkContext spark;
    private final StoreLocation store;
    private final String dataRoot;

    /**
     * @param store    the run store, which every executor reads and writes (a shared folder, HDFS, S3A...)
     * @param dataRoot the data root, at the same path on every executor
     */
    public SparkSweep(JavaSparkContext spark, StoreLocation store, Path dataRoot) {
        this.spark = spark;
        this.store = store;
        this.dataRoot = dataRoot.toAbsolutePath().toString();
    }

    /** Runs every spec (finished ones are reused from the store); results in the order of the specs. */
    public List<RunResult> run(List<RunSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        Broadcast<SerializableConfiguration> hadoop = null;
        if (store.viaHadoop()) {
            try { // here first, so that a store no executor can reach fails at once, by name
                store.open(spark.hadoopConfiguration()).files().list("");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the run store " + store + ": " + e.getMessage(), e);
            }
            // the driver's Hadoop settings (spark.hadoop.*: S3A credentials, the NameNode...) for the executors
            hadoop = SerializableConfiguration.broadcast(spark.sc());
        }
        List<String> tasks = specs.stream().map(SparkSweep::write).toList();
        return spark.parallelize(tasks, tasks.size()).map(new RunTask(store, hadoop, dataRoot)).collect().stream()
                .map(json -> read(json, RunResult.class))
                .toList();
    }

    /** One run on an executor: specs and results travel as JSON (the toolkit's records are not Java-serialisable). */
    private record RunTask(StoreLocation store, Broadcast<SerializableConfiguration> hadoop, String dataRoot)
            implements Function<String, String> {
        @Override
        public String call(String spec) {
            Backend.setBlasThreads(1); // one BLAS thread per task: the executor's cores are its tasks'
            RunSpec run = read(spec, RunSpec.class);
            ResultStore results =
                    store.open(hadoop == null ? null : hadoop.value().value());
            RunResult result = new Experiment(results, new ConsoleProgress())
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
