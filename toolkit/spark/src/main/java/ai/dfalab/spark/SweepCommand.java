package ai.dfalab.spark;

import ai.dfalab.data.DataLocation;
import ai.dfalab.paper.Scale;
import ai.dfalab.run.ConsoleProgress;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dfa sweep}: one of the paper's grids as Spark tasks, then its table. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Run one of the paper's grids of runs on Apache Spark, one task per run, and print its table.",
            "Finished runs in the store are reused; an interrupted run resumes at its last stored epoch."
        })
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, description = "2, 4 or figure4")
    String grid;

    @Option(
            names = "--scale",
            defaultValue = "quick",
            description = "smoke, quick or paper (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(
            names = "--seeds",
            defaultValue = "0",
            description = "seeds per row (0: the scale's own) (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            description = "Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (default: ${DEFAULT-VALUE})")
    String master;

    @Option(
            names = "--store",
            defaultValue = "results/runs",
            description = {
                "the run store, which every executor reaches: a folder (a shared mount) or a URI such as"
                        + " hdfs://namenode:8020/dfa/runs or s3a://bucket/dfa/runs (default: ${DEFAULT-VALUE})"
            })
    String store;

    @Option(
            names = "--in-process",
            description = {
                "run the grid in this JVM without Spark (run.Sweep: one run per core, as the notebooks do);"
                        + " --master is then ignored"
            })
    boolean inProcess;

    @Override
    public Integer call() {
        Grid g = Grid.parse(grid);
        Scale s = Scale.valueOf(scale.trim().toUpperCase(java.util.Locale.ROOT));
        Map<String, List<RunSpec>> groups = g.runs(s, seeds);
        List<RunSpec> specs = Grid.flatten(groups);
        StoreLocation location = StoreLocation.parse(store);
        Path data = DataLocation.root();
        int perRow = groups.values().stream().mapToInt(List::size).max().orElse(0);
        String what = "sweep: " + specs.size() + " runs of " + g + " at " + s.describe(perRow);
        List<RunResult> results;
        if (inProcess) {
            System.out.println(what + ", in process on " + Sweep.defaultWorkers() + " cores, store " + location
                    + ", data " + data);
            Experiment experiment = new Experiment(location.open(new Configuration()), new ConsoleProgress());
            results = Sweep.run(experiment, specs, Sweep.defaultWorkers());
        } else {
            results = onSpark(what, g, specs, location, data);
        }
        System.out.println(g.table(Grid.regroup(groups, results)).printAll());
        return 0;
    }

    private List<RunResult> onSpark(String what, Grid g, List<RunSpec> specs, StoreLocation location, Path data) {
        SparkConf conf = new SparkConf()
                .setAppName("dfa sweep --table " + g.id() + " --scale " + scale)
                .setIfMissing("spark.master", master)
                // one BLAS thread per task, and ND4J's OpenMP pool asleep between its ops (see environment/dfa)
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
                .setIfMissing("spark.executorEnv." + DataLocation.ENV, data.toString());
        System.out.println(what + ", master " + conf.get("spark.master") + ", store " + location + ", data " + data);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.sc()
                    .addSparkListener(new SweepProgress(
                            System.out, specs.stream().map(RunSpec::label).toList()));
            return new SparkSweep(spark, location, data).run(specs);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SweepCommand()).execute(args));
    }
}
