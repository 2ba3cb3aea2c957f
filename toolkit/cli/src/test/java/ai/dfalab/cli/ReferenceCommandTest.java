package ai.dfalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DatasetName;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.Numerics;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunKey;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReferenceCommandTest {
    @TempDir
    Path dir;

    /** Exit code, stdout, stderr. */
    private record Outcome(int code, String out, String err) {}

    private static Outcome dfa(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(out, true));
        try {
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Outcome(code, out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    private static RunKey store(ResultStore store, RunSpec spec) {
        EpochMetrics epoch = new EpochMetrics(
                0, 2.0, 0.3, 0.3, Double.NaN, new double[] {0.5}, new double[] {0.1}, 10, 1.0, 2.0, 1e-3);
        RunKey key = new RunKey(spec, "a".repeat(64), Numerics.VERSION);
        store.saveFinal(key, new RunResult(spec, List.of(epoch), true, Map.of(RunResult.WALL_SECONDS, "12.5")), null);
        return key;
    }

    @Test
    void addCopiesTheSelectedRunsRecords() throws Exception {
        ResultStore runs = new ResultStore(dir.resolve("runs"));
        RunKey cifar = store(runs, RunSpec.paper());
        RunKey mnist = store(runs, RunSpec.paper().withDataset(DatasetName.MNIST));
        Path reference = dir.resolve("reference");
        Outcome o = dfa(
                "reference",
                "add",
                "--from",
                dir.resolve("runs").toString(),
                "--to",
                reference.toString(),
                "--filter",
                "cifar10-*");
        assertEquals(0, o.code(), o.err());
        assertEquals(
                "added: " + cifar.folder() + "\nadded 1 runs to " + reference + ", left out 0",
                o.out().strip());
        assertTrue(Files.exists(reference.resolve(cifar.folder()).resolve("run.json")));
        assertFalse(Files.exists(reference.resolve(mnist.folder())));
        assertEquals(
                12.5,
                new ResultStore(reference).load(cifar).orElseThrow().result().wallSeconds());
    }

    @Test
    void badInputIsOneLineNamingTheFlag() {
        Outcome missing =
                dfa("reference", "add", "--from", dir.resolve("absent").toString());
        assertEquals(2, missing.code());
        assertEquals(
                "dfa reference add: --from " + dir.resolve("absent") + ": no such folder (expected a run store)",
                missing.err().strip());
        Outcome glob = dfa("reference", "add", "--from", dir.toString(), "--filter", "a[b");
        assertEquals(2, glob.code());
        assertTrue(
                glob.err().strip().startsWith("dfa reference add: --filter 'a[b' is not a glob pattern: "), glob.err());
        assertEquals(1, glob.err().strip().lines().count());
    }
}
