package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.Vgg16;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.train.Rule;
import ai.dfalab.train.Updater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class Table3Test {

    private static RunResult result(RunSpec spec, double test, double lr) {
        EpochMetrics m = new EpochMetrics(0, 1.0, test, test, test, new double[15], new double[15], 1, 1, 2.0, lr);
        return new RunResult(spec, List.of(m), true, Map.of());
    }

    @Test
    void runsArePapersSettingsSizedByScale() {
        Map<String, RunSpec> runs =
                Table3.runs(Table3.base(DatasetName.CIFAR10, Architecture.VGG16_SMALL_W8), Scale.QUICK);
        assertEquals(List.of("BP", "DFA", "DFA (SUM)"), List.copyOf(runs.keySet()));
        assertEquals(ai.dfalab.feedback.SignalScale.MEAN, runs.get("DFA").scale());
        assertEquals(ai.dfalab.feedback.SignalScale.SUM, runs.get("DFA (SUM)").scale());
        RunSpec dfa = runs.get("DFA");
        assertEquals(Rule.DFA, dfa.rule());
        assertEquals(Rule.BP, runs.get("BP").rule());
        assertEquals(1e-2, dfa.learningRate());
        assertEquals(5, dfa.plateauPatience());
        assertEquals("relu", dfa.model().activation());
        assertEquals(Updater.SGD, dfa.updater());
        assertEquals(Table3.plan(Scale.QUICK).epochs(), dfa.epochs());
        assertEquals(Table3.plan(Scale.QUICK).testLimit(), dfa.testLimit());
        RunSpec paper = Table3.runs(Table3.base(DatasetName.CIFAR10, Architecture.VGG16), Scale.PAPER)
                .get("BP");
        assertEquals(0, paper.trainLimit());
        assertEquals(0, paper.testLimit());
        assertEquals(128, paper.batch());
        assertEquals(
                Architecture.VGG16, Table3.choose(Scale.PAPER).model(), "the paper's 224x224 network at paper scale");
        assertEquals(
                new Table3.Choice(
                        DatasetName.CIFAR10,
                        Architecture.VGG16_SMALL_W8,
                        10,
                        Table3.choose(Scale.QUICK).why()),
                Table3.choose(Scale.QUICK));
        assertEquals(
                DataLocation.has(DatasetName.CIFAR100) ? DatasetName.CIFAR100 : DatasetName.CIFAR10,
                Table3.choose(Scale.PAPER).data());
    }

    @Test
    void atPaperScaleTheImageNetRowRunsWhenItsFolderIsThereAndIsNamedAbsentWhenNot(@TempDir Path root)
            throws IOException {
        List<Table3.Row> absent = Table3.rows(Scale.PAPER, root);
        assertEquals(2, absent.size());
        assertEquals(
                new Table3.Choice(
                        DatasetName.CIFAR10,
                        Architecture.VGG16,
                        10,
                        absent.get(0).choice().why()),
                absent.get(0).choice(),
                "no CIFAR-100 here: CIFAR-10 through the paper's pipeline");
        assertFalse(absent.get(1).runs());
        assertEquals("ImageNet", absent.get(1).paper().dataset());
        assertTrue(
                absent.get(1).whyNot().startsWith("absent: no imagenet/"),
                absent.get(1).whyNot());
        Table rows = Table3.rowsTable(absent);
        assertEquals(List.of("yes", "no"), rows.stringColumn("runs").asList());
        assertTrue(rows.stringColumn("why").get(1).contains("absent"), rows.print());

        for (int k = 0; k < 5; k++) {
            Files.createDirectories(root.resolve(String.format("imagenet/train/n%08d", k)));
        }
        Files.createDirectories(root.resolve("imagenet/val"));
        Table3.Row imageNet = Table3.rows(Scale.PAPER, root).get(1);
        assertTrue(imageNet.runs());
        assertEquals(
                new Table3.Choice(
                        DatasetName.IMAGENET,
                        Architecture.VGG16,
                        5,
                        imageNet.choice().why()),
                imageNet.choice(),
                "the paper's VGG-16, one output per wnid folder");
        RunSpec bp = Table3.runs(Table3.base(DatasetName.IMAGENET, Architecture.VGG16), Scale.PAPER)
                .get("BP");
        assertEquals(DatasetName.IMAGENET, bp.dataset());
        assertEquals(0, bp.trainLimit());
        assertEquals(74, bp.epochs());

        List<Table3.Row> smoke = Table3.rows(Scale.SMOKE, root);
        assertEquals(Table3.choose(Scale.SMOKE), smoke.get(0).choice(), "below paper scale nothing changes");
        assertFalse(smoke.get(1).runs(), "ImageNet is only run at paper scale");
    }

    @Test
    void comparisonShowsOursChanceAndThePapersNumberForEachRowThatRan() {
        RunSpec base = Table3.base(DatasetName.CIFAR10, Architecture.VGG16_SMALL_W8);
        List<Table3.Row> rows = Table3.rows(Scale.QUICK);
        Map<String, RunResult> cifar = new LinkedHashMap<>();
        cifar.put("BP", result(base.withRule(Rule.BP), 0.42, 1e-2));
        cifar.put("DFA", result(base.withRule(Rule.DFA), 0.10, 1e-3));
        Table t = Table3.compare(rows, Map.of(rows.get(0), cifar));
        assertEquals(2, t.rowCount(), "no line for the row that did not run");
        assertEquals(42.0, t.doubleColumn("test").get(0), 1e-9);
        assertEquals(10.0, t.doubleColumn("chance").get(1), 1e-9);
        assertEquals(1e-3, t.doubleColumn("final lr").get(1), 1e-12);
        assertEquals(60.0, t.doubleColumn("paper").get(0));
        assertEquals(1.0, t.doubleColumn("paper").get(1));
        assertEquals("CIFAR-10, vgg16-small-w8", t.stringColumn("our data").get(0));
        assertTrue(t.name().endsWith("not run: ImageNet (not run below paper scale)"), t.name());

        Table3.Row imageNet = new Table3.Row(
                Table3.PAPER.get(1), new Table3.Choice(DatasetName.IMAGENET, Architecture.VGG16, 1000, ""), null);
        Map<Table3.Row, Map<String, RunResult>> both = new LinkedHashMap<>();
        both.put(rows.get(0), cifar);
        both.put(imageNet, Map.of("DFA", result(base.withRule(Rule.DFA), 0.001, 1e-2)));
        Table all = Table3.compare(List.of(rows.get(0), imageNet), both);
        assertEquals(3, all.rowCount());
        assertEquals("ImageNet", all.stringColumn("paper row").get(2));
        assertEquals(0.1, all.doubleColumn("chance").get(2), 1e-12);
        assertEquals(0.7, all.doubleColumn("paper").get(2));
        assertFalse(all.name().contains("not run"), all.name());
    }

    @Test
    void alignmentTableNamesEveryPointAndRefusesAMismatch() {
        RunResult dfa = result(
                Table3.base(DatasetName.CIFAR10, Architecture.VGG16_SMALL_W8).withRule(Rule.DFA), 0.1, 1e-2);
        int[] sizes = new int[15];
        Table t = Table3.alignment(dfa, Vgg16.blockPointNames(), sizes);
        assertEquals(15, t.rowCount());
        assertEquals("conv1_2+pool", t.stringColumn("point").get(1));
        assertEquals("fc7", t.stringColumn("point").get(14));
        assertThrows(
                IllegalArgumentException.class,
                () -> Table3.alignment(dfa, Vgg16.blockPointNames().subList(0, 3), sizes));
    }

    @Test
    void aRunThatDivergedInItsFirstEpochIsAStatusNotAChanceAccuracy() {
        RunSpec sum =
                Table3.base(DatasetName.CIFAR10, Architecture.VGG16_SMALL_W8).withRule(Rule.DFA);
        RunResult diverged = new RunResult(
                sum, List.of(), RunResult.Status.DIVERGED, new RunResult.Divergence(1, 3, "loss NaN"), Map.of());
        List<Table3.Row> rows = Table3.rows(Scale.QUICK);
        Table t = Table3.compare(rows, Map.of(rows.get(0), Map.of("DFA (SUM)", diverged)));
        assertTrue(t.doubleColumn("test").isMissing(0));
        assertTrue(t.doubleColumn("test loss").isMissing(0));
        assertEquals(
                "diverged at epoch 1 (step 3): loss NaN",
                t.stringColumn("status").get(0));
        Table alignment = Table3.alignment(diverged, Vgg16.blockPointNames(), new int[15]);
        assertTrue(alignment.name().contains("none measured"), alignment.name());
        assertTrue(alignment.doubleColumn("cos mean").isMissing(14));
        var chart =
                ai.dfalab.report.Charts.perEpoch("alignment", "cosine", Map.of("fc7", diverged.alignmentSeries(14)));
        assertEquals("alignment (no data: fc7)", chart.getTitle());
    }
}
