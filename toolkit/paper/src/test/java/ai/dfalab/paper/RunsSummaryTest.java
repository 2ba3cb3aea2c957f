package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RunsSummaryTest {

    private static RunResult run(long seed, String cpu, String wallSeconds, boolean reference) {
        EpochMetrics m =
                new EpochMetrics(0, 1.0, 0.5, 0.5, 0.5, new double[3], new double[3], 1, 1, Double.NaN, Double.NaN);
        Map<String, String> p = new HashMap<>(Map.of(
                "cpu",
                cpu,
                "cores",
                "2",
                "blas",
                "OpenBLAS 0.3.26",
                "commit",
                reference ? "abc" : "def",
                "data_sha256",
                (reference ? "1" : "2").repeat(64)));
        if (wallSeconds != null) {
            p.put(RunResult.WALL_SECONDS, wallSeconds);
        }
        if (reference) {
            p.put(RunResult.REFERENCE, "the project's reference run reference/x");
        }
        return new RunResult(RunSpec.paper().withSeed(seed), List.of(m), true, p);
    }

    @Test
    void theReferenceRunsAndTheUsersOwnAreSummarisedApart() {
        Table t = RunsSummary.of(Map.of(
                "norm",
                List.of(
                        run(0, "Xeon, AVX2", "3600", true),
                        run(1, "Xeon, AVX2", "1800.5", true),
                        run(2, "Xeon, AVX2", "60", true),
                        run(5, "EPYC, AVX2", null, false))));
        assertEquals(2, t.rowCount());
        assertEquals(
                List.of(RunsSummary.REFERENCE, RunsSummary.YOURS),
                t.stringColumn("runs from").asList());
        assertEquals(List.of(3, 1), t.intColumn("runs").asList());
        assertEquals(List.of("0-2", "5"), t.stringColumn("seeds").asList());
        assertEquals(List.of("50", "50"), t.stringColumn("epochs").asList());
        assertEquals("Xeon, AVX2, 2 cores", t.stringColumn("CPU, cores").get(0));
        assertEquals(List.of("abc", "def"), t.stringColumn("toolkit commit").asList());
        assertEquals("111111111111", t.stringColumn("data sha256").get(0));
        assertEquals("1:31:01", t.stringColumn("wall time").get(0));
        assertEquals(
                "0:00:00 (1 of 1 runs unrecorded)", t.stringColumn("wall time").get(1));
    }

    @Test
    void seedsAreWrittenAsRanges() {
        assertEquals("0-9", RunsSummary.ranges(new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L))));
        assertEquals("0-2, 5, 7-8", RunsSummary.ranges(new TreeSet<>(List.of(0L, 1L, 2L, 5L, 7L, 8L))));
        assertEquals("", RunsSummary.ranges(new TreeSet<>()));
    }
}
