package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Architecture;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class Table4Test {

    private static RunResult result(RunSpec spec, double test, double... cos) {
        double[] std = new double[cos.length];
        java.util.Arrays.fill(std, 0.1);
        EpochMetrics m = new EpochMetrics(0, 1.0, 0.5, test, test, cos, std, 1, 1, Double.NaN, Double.NaN);
        return new RunResult(spec, List.of(m), true, Map.of());
    }

    @Test
    void rowsFollowThePapersAndTheAuthorsSettings() {
        Map<String, List<RunSpec>> runs = Table4.table().runs(Scale.PAPER);
        assertEquals(List.of("norm", "no norm", "norm+BN", "norm+DO(0.5)", "norm+DO(0.1)"), List.copyOf(runs.keySet()));
        assertEquals(10, runs.get("norm").size());
        RunSpec norm = runs.get("norm").get(3);
        assertEquals(Architecture.CNN, norm.model().architecture());
        assertEquals(3, norm.seed());
        assertEquals(50, norm.epochs());
        assertEquals(5e-4, norm.learningRate());
        assertEquals("tanh", norm.model().activation());
        assertEquals(FeedbackKind.UNIFIED_NONORM, runs.get("no norm").get(0).feedback());
        assertTrue(runs.get("norm+BN").get(0).model().batchNorm());
        assertEquals(0.1, runs.get("norm+DO(0.5)").get(0).model().inputDropout());
        assertEquals(0.5, runs.get("norm+DO(0.5)").get(0).model().hiddenDropout());
        assertEquals(0.1, runs.get("norm+DO(0.1)").get(0).model().hiddenDropout());
        assertEquals(
                Table4.SMOKE_SAMPLES,
                Table4.table().runs(Scale.SMOKE).get("norm").get(0).trainLimit());
        assertEquals(1, Table4.table().runs(Scale.QUICK).get("norm").size());
        assertTrue(
                Table4.describe(Scale.QUICK).contains(Table4.QUICK_SAMPLES + " training samples"),
                Table4.describe(Scale.QUICK));
    }

    @Test
    void comparisonPutsOursBesideThePapersAndLeavesTheClassifierEmptyWithHeadByBp() {
        RunSpec norm = Table4.base();
        Table t = Table4.table()
                .compare(Map.of(
                        "norm",
                                List.of(
                                        result(norm.withSeed(0), 0.60, 0.1, 0.2, 0.3, 0.9),
                                        result(norm.withSeed(1), 0.50, 0.0, 0.1, 0.5, 0.8)),
                        "no norm", List.of(result(norm.withModel(m -> m.withHeadByBp(true)), 0.55, 0.01, 0.02, 0.6))));
        assertEquals(2, t.rowCount());
        assertEquals(55.0, t.doubleColumn("test").get(0), 1e-9);
        assertEquals(Math.sqrt(50.0), t.doubleColumn("test sd").get(0), 1e-9);
        assertEquals(62.65, t.doubleColumn("paper test").get(0));
        assertEquals(55.0 - 62.65, t.doubleColumn("Δ test").get(0), 1e-9);
        assertEquals(0.9, t.doubleColumn("cos class. 4").get(0), 1e-9, "alignment from the best run");
        assertEquals(0.59, t.doubleColumn("paper cos conv 3").get(0));
        assertEquals(0.6, t.doubleColumn("cos conv 3").get(1), 1e-9);
        assertTrue(t.doubleColumn("cos class. 4").isMissing(1), "no classifier point with headByBp");
    }
}
