package ai.dfalab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.models.Vgg16;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class Table3Test {

    private static RunResult result(RunSpec spec, double test, double lr) {
        EpochMetrics m = new EpochMetrics(0, 1.0, test, test, test, new double[15], new double[15], 1, 1, 2.0, lr);
        return new RunResult(spec, List.of(m), true, Map.of());
    }

    @Test
    void runsArePapersSettingsSizedByScale() {
        Map<String, RunSpec> runs = Table3.runs(Table3.base(DatasetName.CIFAR10, "vgg16-small-w8"), Scale.QUICK);
        assertEquals(List.of("BP", "DFA", "DFA (SUM)"), List.copyOf(runs.keySet()));
        assertEquals(ai.dfalab.train.SignalScale.MEAN, runs.get("DFA").scale());
        assertEquals(ai.dfalab.train.SignalScale.SUM, runs.get("DFA (SUM)").scale());
        RunSpec dfa = runs.get("DFA");
        assertEquals("dfa", dfa.rule());
        assertEquals("bp", runs.get("BP").rule());
        assertEquals(1e-2, dfa.learningRate());
        assertEquals(5, dfa.plateauPatience());
        assertEquals("relu", dfa.activation());
        assertEquals("sgd", dfa.updater());
        assertEquals(Table3.plan(Scale.QUICK).epochs(), dfa.epochs());
        assertEquals(Table3.plan(Scale.QUICK).testLimit(), dfa.testLimit());
        RunSpec paper = Table3.runs(Table3.base(DatasetName.CIFAR10, "vgg16"), Scale.PAPER).get("BP");
        assertEquals(0, paper.trainLimit());
        assertEquals(0, paper.testLimit());
        assertEquals(128, paper.batch());
        assertEquals("vgg16", Table3.choose(Scale.PAPER).model(), "the paper's 224x224 network at paper scale");
        assertEquals(3 * 224 * 224, Table3.choose(Scale.PAPER).inputs());
        assertEquals(new Table3.Choice(DatasetName.CIFAR10, "vgg16-small-w8", Table3.choose(Scale.QUICK).why()), Table3.choose(Scale.QUICK));
        assertEquals(DataLocation.has(DatasetName.CIFAR100) ? DatasetName.CIFAR100 : DatasetName.CIFAR10, Table3.choose(Scale.PAPER).data());
    }

    @Test
    void comparisonShowsOursChanceAndBothOfThePapersDataSets() {
        RunSpec base = Table3.base(DatasetName.CIFAR10, "vgg16-small-w8");
        Map<String, RunResult> results = new LinkedHashMap<>();
        results.put("BP", result(base.rule("bp"), 0.42, 1e-2));
        results.put("DFA", result(base.rule("dfa"), 0.10, 1e-3));
        Table t = Table3.compare(results, 10);
        assertEquals(2, t.rowCount());
        assertEquals(42.0, t.doubleColumn("test").get(0), 1e-9);
        assertEquals(10.0, t.doubleColumn("chance").get(1), 1e-9);
        assertEquals(1e-3, t.doubleColumn("final lr").get(1), 1e-12);
        assertEquals(60.0, t.doubleColumn("paper CIFAR-100 (256x256, crop 224, flip)").get(0));
        assertEquals(0.7, t.doubleColumn("paper ImageNet").get(1));
    }

    @Test
    void alignmentTableNamesEveryPointAndRefusesAMismatch() {
        RunResult dfa = result(Table3.base(DatasetName.CIFAR10, "vgg16-small-w8").rule("dfa"), 0.1, 1e-2);
        int[] sizes = new int[15];
        Table t = Table3.alignment(dfa, Vgg16.blockPointNames(), sizes);
        assertEquals(15, t.rowCount());
        assertEquals("conv1_2+pool", t.stringColumn("point").get(1));
        assertEquals("fc7", t.stringColumn("point").get(14));
        assertThrows(IllegalArgumentException.class, () -> Table3.alignment(dfa, Vgg16.blockPointNames().subList(0, 3), sizes));
    }
}
