package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Figure4Test {

    @Test
    void theSweepMasksTheSecondLayerAtTheFiguresSettings() {
        RunSpec spec = Figure4.base().withModel(m -> m.withBottleneckK(46));
        assertEquals(5e-3, spec.learningRate());
        BlockNetwork net = spec.network(DataLocation.root());
        assertEquals(2, net.points(), "no feedback point before the bottleneck");
        assertEquals(46.0 / 800, net.gradientMask(1).keep());
        assertEquals(14, Figure4.K.length);
    }

    @Test
    void tableAndChartsCarryEveryPoint() {
        Map<Integer, RunResult> results = new LinkedHashMap<>();
        for (int k : new int[] {1, 46, 800}) {
            EpochMetrics m = new EpochMetrics(
                    0,
                    1,
                    0.5,
                    k / 1000.0,
                    k / 1000.0,
                    new double[] {k / 800.0, 0.5},
                    new double[] {0.1, 0.1},
                    1,
                    1,
                    Double.NaN,
                    Double.NaN);
            results.put(
                    k,
                    new RunResult(
                            Figure4.base().withModel(model -> model.withBottleneckK(k)), List.of(m), true, Map.of()));
        }
        var table = Figure4.table(results);
        assertEquals(3, table.rowCount());
        assertEquals(80.0, table.doubleColumn("test %").get(2), 1e-9);
        assertEquals(1.0, table.doubleColumn("cos mean").get(2), 1e-9);
        assertTrue(Figure4.alignmentChart(results).getSeriesMap().containsKey("authors' log (seed code)"));
        assertTrue(ai.dfalab.report.Show.png(Figure4.accuracyChart(results)).length > 1000);
    }

    @Test
    void aDivergedPointIsSaidInTheTableAndTheLegendNotDrawnAtChance() {
        Map<Integer, RunResult> results = new LinkedHashMap<>();
        EpochMetrics m = new EpochMetrics(
                0, 1, 0.5, 0.4, 0.4, new double[] {0.8, 0.5}, new double[] {0.1, 0.1}, 1, 1, Double.NaN, Double.NaN);
        results.put(800, new RunResult(Figure4.base(), List.of(m), true, Map.of()));
        results.put(
                3,
                new RunResult(
                        Figure4.base().withModel(model -> model.withBottleneckK(3)),
                        List.of(),
                        RunResult.Status.DIVERGED,
                        new RunResult.Divergence(1, 7, "loss NaN"),
                        Map.of()));
        var table = Figure4.table(results);
        assertTrue(table.doubleColumn("test %").isMissing(1), "no accuracy for a diverged run");
        assertEquals(
                "diverged at epoch 1 (step 7): loss NaN",
                table.stringColumn("status").get(1));
        assertEquals("finished", table.stringColumn("status").get(0));
        var chart = Figure4.accuracyChart(results);
        assertTrue(
                chart.getSeriesMap().containsKey("ours (diverged: k=3)"),
                chart.getSeriesMap().keySet().toString());
        assertEquals(1, chart.getSeriesMap().get("ours (diverged: k=3)").getXData().length);
        results.remove(800);
        assertTrue(Figure4.alignmentChart(results).getTitle().endsWith("every run diverged"));
    }
}
