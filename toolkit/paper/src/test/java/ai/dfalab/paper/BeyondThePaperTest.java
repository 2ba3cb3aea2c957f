package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BeyondThePaperTest {

    private static RunResult result(RunSpec spec, double test, double cos) {
        EpochMetrics m = new EpochMetrics(
                0,
                1.0,
                test + 0.1,
                test,
                test,
                new double[] {cos, cos, cos},
                new double[] {0.1, 0.1, 0.1},
                1,
                1,
                Double.NaN,
                Double.NaN);
        return new RunResult(spec, List.of(m), true, Map.of());
    }

    @Test
    void everyKindHasEq8sScale() {
        Table t = BeyondThePaper.scaleCheck(new int[] {8000, 2000, 800}, 10, 1);
        assertEquals(9, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            String what = t.stringColumn("feedback").get(r) + " point "
                    + t.intColumn("point").get(r);
            assertEquals(1.0, t.doubleColumn(3).get(r), 0.06, what + " entry std");
            assertEquals(1.0, t.doubleColumn(4).get(r), 0.1, what + " signal norm");
        }
    }

    @Test
    void seededRegeneratesWhatItMaterialises() {
        Table t = BeyondThePaper.seededReproducibility(new int[] {4000, 800}, 10, 3);
        for (int r = 0; r < 2; r++) {
            assertTrue(
                    t.doubleColumn(1).get(r) < 1e-5,
                    "regenerated vs materialised: " + t.doubleColumn(1).get(r));
            assertEquals(0.0, t.doubleColumn(2).get(r), "same seed, same signal");
        }
    }

    @Test
    void normRowComparisonMeasuresDistanceInUnitsOfTheUnifiedSpread() {
        RunSpec base = RunSpec.paper();
        Map<FeedbackKind, List<RunResult>> runs = new LinkedHashMap<>();
        runs.put(
                FeedbackKind.UNIFIED,
                List.of(result(base.withSeed(0), 0.40, 0.5), result(base.withSeed(1), 0.44, 0.7)));
        runs.put(
                FeedbackKind.SEEDED, List.of(result(base.withSeed(0), 0.46, 0.6), result(base.withSeed(1), 0.46, 0.6)));
        Table t = BeyondThePaper.compareNorm(runs);
        assertEquals(2, t.rowCount());
        assertEquals(42.0, t.doubleColumn("test").get(0), 1e-9);
        assertEquals(0.6, t.doubleColumn("cos 2").get(0), 1e-9);
        assertEquals(0.0, t.doubleColumn("|Δ test| / unified sd").get(0), 1e-9);
        assertEquals(
                4.0 / Math.sqrt(8.0), t.doubleColumn("|Δ test| / unified sd").get(1), 1e-9);
    }

    @Test
    void normRowRunsThePapersBaseWithEachKind() {
        var specs = BeyondThePaper.normRowSpecs(RunSpec.paper(), Scale.SMOKE, 2);
        assertEquals(BeyondThePaper.KINDS, List.copyOf(specs.keySet()));
        RunSpec last = specs.get(FeedbackKind.STRUCTURED).get(1);
        assertEquals(FeedbackKind.STRUCTURED, last.feedback());
        assertEquals(1, last.seed());
        assertEquals(Scale.SMOKE.epochs(), last.epochs());
        assertEquals("tanh", last.model().activation());
        assertEquals(
                RunSpec.paper().withSeed(0).withEpochs(Scale.SMOKE.epochs()).withTrainLimit(Scale.SMOKE.trainLimit()),
                specs.get(FeedbackKind.UNIFIED).get(0),
                "the unified runs are Table 2's norm runs (stored runs are shared)");
    }

    @Test
    void speedTablesTimeEveryKindAndBothSteps() {
        Table speed = BeyondThePaper.speed(16, 2, 1, 1);
        assertEquals(
                List.of("unified", "seeded", "structured"),
                speed.stringColumn("feedback").asList());
        assertEquals(1.0, speed.doubleColumn("steps/s vs unified").get(0), 1e-12);
        for (int r = 0; r < 3; r++) {
            assertTrue(speed.doubleColumn("steps/s (median)").get(r) > 0
                    && speed.doubleColumn("CPU ms/step (median)").get(r) > 0);
            assertTrue(speed.doubleColumn("projection µs (median)").get(r) > 0);
        }
        int blasThreads = org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads();
        Table unlocking = BeyondThePaper.unlocking(16, 2, 1, 1, 2);
        assertEquals(blasThreads == 1 ? 2 : 4, unlocking.rowCount());
        assertEquals(1, unlocking.intColumn("BLAS threads").get(unlocking.rowCount() - 1));
        assertEquals(
                blasThreads, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), "BLAS threads restored");
        assertTrue(unlocking.doubleColumn("speed-up").get(1) > 0);
    }
}
