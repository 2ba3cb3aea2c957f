package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.SignalScale;
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
    void runsArePapersSettingsSizedByTheRowsPlan() {
        Map<String, RunSpec> runs = Table3.runs(Table3.choose(Scale.QUICK));
        assertEquals(List.of("BP", "DFA", "DFA (SUM)", "DFA, lr 1e-3"), List.copyOf(runs.keySet()));
        assertEquals(runs.get("DFA").withLearningRate(1e-3), runs.get("DFA, lr 1e-3"), "DFA at a tenth of the rate");
        assertEquals(ai.dfalab.feedback.SignalScale.MEAN, runs.get("DFA").scale());
        assertEquals(ai.dfalab.feedback.SignalScale.SUM, runs.get("DFA (SUM)").scale());
        RunSpec dfa = runs.get("DFA");
        assertEquals(Rule.DFA, dfa.rule());
        assertEquals(Rule.BP, runs.get("BP").rule());
        assertEquals(1e-2, dfa.learningRate());
        assertEquals(5, dfa.plateauPatience());
        assertEquals("relu", dfa.model().activation());
        assertEquals(Updater.SGD, dfa.updater());
        assertEquals(Architecture.VGG16_SMALL_W8, dfa.model().architecture());
        assertEquals(Table3.QUICK_PLAN.epochs(), dfa.epochs());
        assertEquals(Table3.QUICK_PLAN.trainLimit(), dfa.trainLimit());
        assertEquals(Table3.QUICK_PLAN.testLimit(), dfa.testLimit());
        assertEquals(Table3.SMOKE_PLAN, Table3.choose(Scale.SMOKE).plan());

        Table3.Choice cpu = Table3.choose(Scale.PAPER);
        assertEquals(Architecture.VGG16_SMALL, cpu.model(), "the full-width 32x32 network at paper scale");
        assertEquals(new Table3.Plan(10, 0, 0, 128), cpu.plan(), "10 epochs of the whole training set");
        assertEquals(DataLocation.has(DatasetName.CIFAR100) ? DatasetName.CIFAR100 : DatasetName.CIFAR10, cpu.data());
        RunSpec bp = Table3.runs(cpu).get("BP");
        assertEquals(0, bp.trainLimit());
        assertEquals(0, bp.testLimit());
        assertEquals(128, bp.batch());
        assertEquals(10, bp.epochs());
        assertEquals(
                "10 epochs of batch 128 on all training images, tested on all the test images",
                cpu.plan().toString());
        assertEquals(
                "4 epochs of batch 32 on 2,048 training images, tested on the first 1,000",
                Table3.QUICK_PLAN.toString());
    }

    @Test
    void atPaperScaleTheCpuRowAlwaysRunsAndThe224RowsWhenTheirDataAreThere(@TempDir Path root) throws IOException {
        List<Table3.Row> absent = Table3.rows(Scale.PAPER, root);
        assertEquals(3, absent.size());
        assertEquals(
                new Table3.Choice(
                        DatasetName.CIFAR10,
                        Architecture.VGG16_SMALL,
                        10,
                        Table3.CPU_PLAN,
                        absent.get(0).choice().why()),
                absent.get(0).choice(),
                "no CIFAR-100 here: the CPU row on CIFAR-10");
        assertFalse(absent.get(1).runs());
        assertTrue(
                absent.get(1).whyNot().startsWith("absent: no cifar-100-binary/"),
                absent.get(1).whyNot());
        assertFalse(absent.get(2).runs());
        assertEquals("ImageNet", absent.get(2).paper().dataset());
        assertTrue(
                absent.get(2).whyNot().startsWith("absent: no imagenet/"),
                absent.get(2).whyNot());
        Table rows = Table3.rowsTable(absent);
        assertEquals(List.of("yes", "no", "no"), rows.stringColumn("runs").asList());
        assertTrue(rows.stringColumn("why").get(2).contains("absent"), rows.print());
        assertTrue(rows.stringColumn("plan").get(0).startsWith("10 epochs"), rows.print());

        for (int k = 0; k < 5; k++) {
            Files.createDirectories(root.resolve(String.format("imagenet/train/n%08d", k)));
        }
        Files.createDirectories(root.resolve("imagenet/val"));
        Table3.Row imageNet = Table3.rows(Scale.PAPER, root).get(2);
        assertTrue(imageNet.runs());
        assertEquals(
                new Table3.Choice(
                        DatasetName.IMAGENET,
                        Architecture.VGG16,
                        5,
                        Table3.PAPER_PLAN,
                        imageNet.choice().why()),
                imageNet.choice(),
                "the paper's VGG-16, one output per wnid folder");
        RunSpec bp = Table3.runs(imageNet.choice()).get("BP");
        assertEquals(DatasetName.IMAGENET, bp.dataset());
        assertEquals(0, bp.trainLimit());
        assertEquals(74, bp.epochs());

        for (String file : DatasetName.CIFAR100.files()) { // present (contents are not read here)
            Files.createDirectories(root.resolve(DatasetName.CIFAR100.folder()));
            Files.createFile(root.resolve(DatasetName.CIFAR100.folder()).resolve(file));
        }
        List<Table3.Row> all = Table3.rows(Scale.PAPER, root);
        List<Table3.Choice> running = all.stream().map(Table3.Row::choice).toList();
        assertEquals(
                List.of(DatasetName.CIFAR100, DatasetName.CIFAR100, DatasetName.IMAGENET),
                running.stream().map(Table3.Choice::data).toList(),
                "with CIFAR-100 the CPU row runs on it, and the paper's own row too");
        assertEquals(
                List.of(Table3.CPU_PLAN, Table3.PAPER_PLAN, Table3.PAPER_PLAN),
                running.stream().map(Table3.Choice::plan).toList());
        assertEquals(
                List.of("cifar100-vgg16-small", "cifar100-vgg16", "imagenet-vgg16"),
                running.stream().map(Table3.Choice::id).toList());
        assertEquals(100, running.get(0).classes());

        List<Table3.Row> smoke = Table3.rows(Scale.SMOKE, root);
        assertEquals(Table3.choose(Scale.SMOKE), smoke.get(0).choice(), "below paper scale nothing changes");
        assertEquals(2, smoke.size());
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
                Table3.PAPER.get(1),
                new Table3.Choice(DatasetName.IMAGENET, Architecture.VGG16, 1000, Table3.PAPER_PLAN, ""),
                null);
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
    void alignmentTableNamesEveryPointHasAColumnPairPerDfaRunAndRefusesAMismatch() {
        RunSpec base = Table3.base(DatasetName.CIFAR10, Architecture.VGG16_SMALL_W8);
        Map<String, RunResult> runs = new LinkedHashMap<>();
        runs.put("BP", result(base.withRule(Rule.BP), 0.4, 1e-2));
        runs.put(Table3.DFA, result(base.withRule(Rule.DFA), 0.1, 1e-2));
        runs.put(Table3.DFA_LOWER_LR, result(base.withRule(Rule.DFA).withLearningRate(1e-3), 0.12, 1e-3));
        int[] sizes = new int[15];
        Table t = Table3.alignment(runs, Vgg16.blockPointNames(), sizes);
        assertEquals(15, t.rowCount());
        assertEquals("conv1_2+pool", t.stringColumn("point").get(1));
        assertEquals("fc7", t.stringColumn("point").get(14));
        assertEquals(2 + 2 * 2, t.columnCount(), t.columnNames().toString()); // BP has none
        assertEquals("DFA (epoch 1) cos mean", t.column(2).name());
        assertEquals("DFA, lr 1e-3 cos std", t.column(5).name());
        assertEquals(Table3.DFA, Table3.longestDfa(runs));
        assertThrows(
                IllegalArgumentException.class,
                () -> Table3.alignment(runs, Vgg16.blockPointNames().subList(0, 3), sizes));
        assertThrows(
                IllegalArgumentException.class,
                () -> Table3.alignment(runs, Vgg16.blockPointNames().subList(0, 3), new int[3]));
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
        RunResult slower = result(sum.withScale(SignalScale.MEAN).withLearningRate(1e-3), 0.12, 1e-3);
        Map<String, RunResult> runs = new LinkedHashMap<>();
        runs.put("DFA (SUM)", diverged);
        runs.put(Table3.DFA_LOWER_LR, slower);
        Table alignment = Table3.alignment(runs, Vgg16.blockPointNames(), new int[15]);
        assertTrue(
                alignment.name().endsWith("none measured: DFA (SUM), diverged at epoch 1 (step 3): loss NaN"),
                alignment.name());
        assertEquals(4, alignment.columnCount(), "the diverged run has no columns");
        assertEquals(Table3.DFA_LOWER_LR, Table3.longestDfa(runs), "the run that measured its alignment");
        assertNull(Table3.longestDfa(Map.of("DFA (SUM)", diverged)));
        var chart =
                ai.dfalab.report.Charts.perEpoch("alignment", "cosine", Map.of("fc7", diverged.alignmentSeries(14)));
        assertEquals("alignment (no data: fc7)", chart.getTitle());
    }
}
