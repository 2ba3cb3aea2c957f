package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.layers.Init;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class Table2Test {

    private static RunResult result(RunSpec spec, double test, double train, double... cos) {
        EpochMetrics m = new EpochMetrics(
                0, 1.0, train, test, test, cos, new double[] {0.1, 0.1, 0.1}, 1, 1, Double.NaN, Double.NaN);
        return new RunResult(spec, List.of(m), true, Map.of());
    }

    @Test
    void rowsFollowThePapersSettings() {
        Map<String, List<RunSpec>> runs = Table2.table().runs(Scale.QUICK);
        assertEquals(9, runs.size());
        assertEquals(Scale.QUICK.seeds(), runs.get("norm").size());
        RunSpec lrelu = runs.get("norm+lReLU(-0.5)").get(1);
        assertEquals("lrelu:-0.5", lrelu.model().activation());
        assertEquals(1e-4, lrelu.learningRate());
        assertEquals(1, lrelu.seed());
        assertEquals(Scale.QUICK.epochs(), lrelu.epochs());
        assertEquals(0.5, runs.get("norm+DO(0.5)").get(0).model().hiddenDropout());
        assertEquals(0.1, runs.get("norm+DO(0.5)").get(0).model().inputDropout());
        assertTrue(runs.get("norm+BN").get(0).model().batchNorm());
        assertTrue(
                runs.values().stream()
                        .flatMap(List::stream)
                        .allMatch(s -> s.model().init() == Init.PYTORCH),
                "the authors' code's initialisation, the one that reproduces the paper");
    }

    @Test
    void comparisonPutsOursBesideThePapersWithTheDifference() {
        RunSpec norm = RunSpec.paper();
        Table t = Table2.table()
                .compare(Map.of(
                        "norm",
                        List.of(
                                result(norm.withSeed(0), 0.40, 0.50, 0.5, 0.6, 0.7),
                                result(norm.withSeed(1), 0.44, 0.54, 0.1, 0.2, 0.3))));
        assertEquals(1, t.rowCount());
        assertEquals(42.0, t.doubleColumn("test").get(0), 1e-9);
        assertEquals(Math.sqrt(8.0), t.doubleColumn("test sd").get(0), 1e-9);
        assertEquals(46.46, t.doubleColumn("paper test").get(0));
        assertEquals(42.0 - 46.46, t.doubleColumn("Δ test").get(0), 1e-9);
        assertEquals(0.1, t.doubleColumn("cos layer 1").get(0), 1e-9, "alignment from the best run");
        assertEquals(0.79, t.doubleColumn("paper cos layer 1").get(0));
        assertEquals("-4.46 points", t.stringColumn("status").get(0), "outside max(1.5, 2 x 0.35) of the paper");
    }

    @Test
    void aDivergedRunIsARowsStatusAndItsCurveStopsWhereItDiverged() {
        RunSpec sum = RunSpec.paper().withLearningRate(1.0);
        EpochMetrics first =
                new EpochMetrics(0, 2.0, 0.1, 0.1, 0.1, new double[3], new double[3], 1, 1, Double.NaN, Double.NaN);
        RunResult diverged = new RunResult(
                sum.withSeed(1),
                List.of(first),
                RunResult.Status.DIVERGED,
                new RunResult.Divergence(2, 40, "loss Infinity"),
                Map.of());
        Map<String, List<RunResult>> results =
                Map.of("norm", List.of(result(sum.withSeed(0), 0.30, 0.40, 0.5, 0.6, 0.7), diverged));
        Table t = Table2.table().compare(results);
        assertEquals(
                "diverged: 1 of 2 runs (seed 1: diverged at epoch 2 (step 40): loss Infinity)",
                t.stringColumn("status").get(0));
        assertEquals(30.0, t.doubleColumn("test").get(0), 1e-9, "accuracy from the run that did not diverge");
        assertEquals(2, t.intColumn("runs").get(0));
        double[] curve =
                PracticeTable.meanCurves(results, EpochMetrics::testAccuracy).get("norm");
        assertEquals(0.2, curve[0], 1e-9, "epoch 1: both runs");
        Table alone = Table2.table().compare(Map.of("norm", List.of(diverged)));
        assertTrue(alone.doubleColumn("test").isMissing(0), "no accuracy at all: blank, not chance");
    }

    @Test
    void aRowOfYourOwnRunsAndIsComparedWithoutPaperNumbers() {
        PracticeTable table =
                Table2.table().withRow(new PracticeTable.Row("norm+lr 1e-3", s -> s.withLearningRate(1e-3)));
        assertEquals(10, table.runs(Scale.SMOKE).size());
        RunSpec mine = table.runs(Scale.SMOKE).get("norm+lr 1e-3").get(0);
        assertEquals(1e-3, mine.learningRate());
        Table t = table.compare(Map.of(
                "norm+lr 1e-3", List.of(result(mine, 0.47, 0.5, 0.5, 0.6, 0.7)),
                "norm", List.of(result(RunSpec.paper(), 0.46, 0.5, 0.5, 0.6, 0.7))));
        assertEquals(2, t.rowCount());
        int own = t.stringColumn("practice").indexOf("norm+lr 1e-3");
        assertTrue(t.doubleColumn("paper test").isMissing(own));
        assertEquals("shorter than the paper's runs", t.stringColumn("status").get(own), "a smoke run is not judged");
        assertEquals("reproduced", t.stringColumn("status").get(1 - own), "46.00 is within 1.5 points of 46.46");
        RunSpec full = table.runs(Scale.PAPER).get("norm+lr 1e-3").get(0);
        Table atPaperScale = table.compare(Map.of("norm+lr 1e-3", List.of(result(full, 0.47, 0.5, 0.5, 0.6, 0.7))));
        assertEquals("-", atPaperScale.stringColumn("status").get(0), "no paper number to judge by");
    }

    @Test
    void scaleComesFromTheEnvironmentAndBadValuesAreNamed() {
        System.setProperty("dfa.scale", "smoke");
        try {
            if (System.getenv("DFA_SCALE") == null) {
                assertEquals(Scale.SMOKE, Scale.current());
                System.setProperty("dfa.scale", "huge");
                assertTrue(assertThrows(IllegalArgumentException.class, Scale::current)
                        .getMessage()
                        .contains("DFA_SCALE"));
            }
        } finally {
            System.clearProperty("dfa.scale");
        }
    }
}
