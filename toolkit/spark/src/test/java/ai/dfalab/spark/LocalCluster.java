package ai.dfalab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark's {@code local-cluster[workers,cores,memory]} master as a test can start it: real executor JVMs, launched as
 * a Spark distribution launches them, from a Spark home made of this JVM's class path ({@code jars/} holds its
 * jars; its class folders go on the executors' class path). Its workers find that home in {@code SPARK_HOME}, and
 * {@code SPARK_SCALA_VERSION} must be set: surefire sets both.
 */
final class LocalCluster {
    private LocalCluster() {}

    /** A context on {@code local-cluster[workers,1,memoryMb]}; executors' output under {@link #home()}{@code /work}. */
    static JavaSparkContext start(int workers, int memoryMb) {
        Path home = home();
        List<String> folders = new ArrayList<>();
        try {
            Path jars = Files.createDirectories(home.resolve("jars"));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (Files.isDirectory(p)) {
                    folders.add(p.toString());
                } else if (p.toString().endsWith(".jar") && Files.exists(p)) {
                    Path link = jars.resolve(p.getFileName());
                    if (!Files.exists(link)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Spark home in " + home, e);
        }
        SparkConf conf = new SparkConf()
                .setAppName("dfa-lab-test")
                .setMaster("local-cluster[" + workers + ",1," + memoryMb + "]")
                .set("spark.executor.memory", (memoryMb / 2) + "m")
                .set("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, folders))
                .set("spark.worker.dir", home.resolve("work").toString())
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
                .set("spark.ui.enabled", "false");
        return new JavaSparkContext(conf);
    }

    /** The Spark home the workers use. */
    static Path home() {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException(
                    "SPARK_HOME is not set: run the Spark tests through Maven (surefire sets it)");
        }
        return Path.of(home);
    }

    /** The executor JVMs this machine runs now. */
    static List<ProcessHandle> executors() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }
}
