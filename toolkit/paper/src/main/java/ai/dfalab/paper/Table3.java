package ai.dfalab.paper;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.StreamedImageNet;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.train.Rule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 3 of the paper: VGG-16 trained by BP and by DFA (unified normalised feedback), plain SGD lr 1e-2 divided by
 * 10 when the validation loss stalls for more than 5 epochs. The paper's numbers live here as data; the data set and
 * model are parameters, so the same table runs the paper's VGG-16 on CIFAR-100/ImageNet or a CPU-sized one.
 */
public final class Table3 {
    /** The paper's top-1 accuracies (%) on one data set; BP on ImageNet is Simonyan and Zisserman's number. */
    public record Reference(String dataset, double bp, double dfa, String note) {}

    public static final List<Reference> PAPER = List.of(
            new Reference("CIFAR-100 (256x256, crop 224, flip)", 60, 1, ""),
            new Reference("ImageNet", 75.2, 0.7, "BP from Simonyan and Zisserman"));

    /** What a scale runs: epochs, training and test samples, batch (0 for limits: all). */
    public record Plan(int epochs, int trainLimit, int testLimit, int batch) {}

    /** The data set and model a scale runs, its classes, and why, in words for the notebook. */
    public record Choice(DatasetName data, Architecture model, int classes, String why) {}

    /**
     * One row of the paper's table at a scale: the paper's numbers and what we run for it, or, when nothing runs
     * ({@code choice} null), why not: its data are absent, or the scale is below paper.
     */
    public record Row(Reference paper, Choice choice, String whyNot) {
        public boolean runs() {
            return choice != null;
        }
    }

    private Table3() {}

    /**
     * The CIFAR row ({@link #rows}' first): at {@code paper} scale the paper's VGG-16 (224x224) on CIFAR-100 scaled to
     * 256 and cropped to 224, or on CIFAR-10 through the same pipeline when CIFAR-100 is not in the data folder. Below
     * it: the 32x32 VGG-16 with 1/8 of the filters on a CIFAR-10 subset, sized for a CPU.
     */
    public static Choice choose(Scale scale) {
        return choose(scale, DataLocation.root());
    }

    static Choice choose(Scale scale, Path root) {
        if (scale != Scale.PAPER) {
            return new Choice(
                    DatasetName.CIFAR10,
                    Architecture.VGG16_SMALL_W8,
                    10,
                    "CPU-sized substitute: VGG-16's 13 convolutions with"
                            + " 1/8 of the filters on 32x32 CIFAR-10 images (CIFAR-100 and ImageNet are not needed below paper scale)");
        }
        return DataLocation.has(root, DatasetName.CIFAR100)
                ? new Choice(
                        DatasetName.CIFAR100,
                        Architecture.VGG16,
                        100,
                        "the paper's: VGG-16 on CIFAR-100 scaled to 256x256, random 224 crop and flip")
                : new Choice(
                        DatasetName.CIFAR10,
                        Architecture.VGG16,
                        10,
                        "CIFAR-100 not found in the data folder: VGG-16 on CIFAR-10 through the"
                                + " paper's CIFAR-100 pipeline (scaled to 256x256, random 224 crop and flip) instead");
    }

    /**
     * Both rows of the paper's table as {@code scale} runs them, data under {@link DataLocation#root()}: the CIFAR row
     * ({@link #choose}) always; the ImageNet row at {@code paper} scale when {@code imagenet/} is there (VGG-16 with
     * one output per wnid folder, streamed from disk), else marked absent.
     */
    public static List<Row> rows(Scale scale) {
        return rows(scale, DataLocation.root());
    }

    static List<Row> rows(Scale scale, Path root) {
        Row cifar = new Row(PAPER.get(0), choose(scale, root), null);
        Reference imageNet = PAPER.get(1);
        if (scale != Scale.PAPER) {
            return List.of(cifar, new Row(imageNet, null, "not run below paper scale"));
        }
        if (!DataLocation.has(root, DatasetName.IMAGENET)) {
            return List.of(
                    cifar,
                    new Row(
                            imageNet,
                            null,
                            "absent: no " + DatasetName.IMAGENET.folder() + "/ with train/ and val/" + " under " + root
                                    + " (" + DatasetName.IMAGENET_GUIDE + " says how to prepare it)"));
        }
        return List.of(
                cifar,
                new Row(
                        imageNet,
                        new Choice(
                                DatasetName.IMAGENET,
                                Architecture.VGG16,
                                StreamedImageNet.classes(root),
                                "the paper's: VGG-16 on ImageNet, shorter side resized to 256, random 224 crop and flip, streamed from disk"),
                        null));
    }

    /** Which of the paper's rows run, on what data and model, and why (or why not). */
    public static Table rowsTable(List<Row> rows) {
        StringColumn paper = StringColumn.create("paper row");
        StringColumn runs = StringColumn.create("runs");
        StringColumn data = StringColumn.create("our data");
        StringColumn model = StringColumn.create("model");
        StringColumn why = StringColumn.create("why");
        for (Row row : rows) {
            paper.append(row.paper().dataset());
            runs.append(row.runs() ? "yes" : "no");
            data.append(row.runs() ? row.choice().data().toString() : "");
            model.append(row.runs() ? row.choice().model().id() : "");
            why.append(row.runs() ? row.choice().why() : row.whyNot());
        }
        return Table.create("Table 3: the paper's rows and what runs for each")
                .addColumns(paper, runs, data, model, why);
    }

    /**
     * Sizes per scale. The paper gives no epoch count or batch: {@code paper} uses 74 epochs (Simonyan and Zisserman's
     * ImageNet run) and batch 128. {@code quick} and {@code smoke} are sized for a 2-core CPU (steps of a VGG-16 take
     * seconds there): a subset of the data, a smaller batch, and a test subset.
     */
    public static Plan plan(Scale scale) {
        return switch (scale) {
            case SMOKE -> new Plan(1, 256, 256, 32);
            case QUICK -> new Plan(4, 2048, 1000, 32);
            case PAPER -> new Plan(74, 0, 0, 128);
        };
    }

    /**
     * The base run: {@code model} on {@code dataset}, He init, SGD lr 1e-2, plateau patience 5. The DFA signal is
     * averaged over the batch ({@code MEAN}), like the output layer's gradient: the authors' {@code SUM} makes the
     * hidden layers learn {@code batch} times faster, and at lr 1e-2 the ReLU network's weights overflow to NaN within
     * the first epoch (measured at smoke scale); the paper does not say which it used.
     */
    public static RunSpec base(DatasetName dataset, Architecture model) {
        return RunSpec.paper()
                .withDataset(dataset)
                .withModel(ModelSpec.of(model).withActivation("relu"))
                .withLearningRate(1e-2)
                .withPlateauPatience(5)
                .withFeedback(FeedbackKind.UNIFIED)
                .withScale(SignalScale.MEAN);
    }

    /**
     * The runs of the table from {@code base}, sized by {@code scale} (seed 0): BP, DFA, and DFA with the authors'
     * summed signal ({@code DFA (SUM)}).
     */
    public static Map<String, RunSpec> runs(RunSpec base, Scale scale) {
        Plan p = plan(scale);
        RunSpec sized = base.withEpochs(p.epochs())
                .withTrainLimit(p.trainLimit())
                .withTestLimit(p.testLimit())
                .withBatch(p.batch())
                .withSeed(0);
        Map<String, RunSpec> runs = new LinkedHashMap<>();
        runs.put("BP", sized.withRule(Rule.BP));
        runs.put("DFA", sized.withRule(Rule.DFA));
        runs.put("DFA (SUM)", sized.withRule(Rule.DFA).withScale(SignalScale.SUM));
        return runs;
    }

    /** Runs (or reuses) both runs, keeping their final weights for figure 3. */
    public static Map<String, RunResult> run(Experiment experiment, RunSpec base, Scale scale) {
        Map<String, RunResult> results = new LinkedHashMap<>();
        Experiment keeping = experiment.keepingWeights();
        runs(base, scale).forEach((name, spec) -> results.put(name, keeping.run(spec)));
        return results;
    }

    /** The runs of every row that runs ({@link #run(Experiment, RunSpec, Scale)} on its data and model), in order. */
    public static Map<Row, Map<String, RunResult>> run(Experiment experiment, List<Row> rows, Scale scale) {
        Map<Row, Map<String, RunResult>> results = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.runs()) {
                results.put(
                        row,
                        run(experiment, base(row.choice().data(), row.choice().model()), scale));
            }
        }
        return results;
    }

    /**
     * Ours (test and train top-1, %, chance, test loss) beside the paper's number for the same row and rule, one line
     * per run with its status (a diverged run: where, and no accuracy); the rows of {@code rows} that did not run are
     * named in the title.
     */
    public static Table compare(List<Row> rows, Map<Row, Map<String, RunResult>> results) {
        String notRun = rows.stream()
                .filter(r -> !results.containsKey(r))
                .map(r -> r.paper().dataset() + " (" + r.whyNot() + ")")
                .collect(Collectors.joining("; "));
        Table t = Table.create(
                "Table 3: VGG-16 top-1 accuracy (%), ours vs paper" + (notRun.isEmpty() ? "" : "; not run: " + notRun));
        StringColumn paperRow = StringColumn.create("paper row");
        StringColumn data = StringColumn.create("our data");
        StringColumn rule = StringColumn.create("rule");
        IntColumn epochs = IntColumn.create("epochs");
        DoubleColumn test = DoubleColumn.create("test");
        DoubleColumn train = DoubleColumn.create("train");
        DoubleColumn chance = DoubleColumn.create("chance");
        DoubleColumn loss = DoubleColumn.create("test loss");
        DoubleColumn lr = DoubleColumn.create("final lr");
        DoubleColumn paper = DoubleColumn.create("paper");
        StringColumn status = StringColumn.create("status");
        results.forEach((row, runs) -> runs.forEach((name, r) -> {
            paperRow.append(row.paper().dataset());
            data.append(row.choice().data() + ", " + row.choice().model());
            rule.append(name);
            epochs.append(r.epochs().size());
            test.append(100 * r.testAccuracy());
            train.append(100 * r.trainAccuracy());
            chance.append(100.0 / row.choice().classes());
            loss.append(r.epochs().isEmpty() ? Double.NaN : r.last().testLoss());
            lr.append(r.epochs().isEmpty() ? Double.NaN : r.last().learningRate());
            status.append(r.describe());
            paper.append(name.equals("BP") ? row.paper().bp() : row.paper().dfa());
        }));
        t.addColumns(paperRow, data, rule, epochs, test, train, chance, loss, lr, paper, status);
        for (DoubleColumn c : List.of(test, train, chance)) {
            c.setPrintFormatter(new java.text.DecimalFormat("0.0"), "");
        }
        loss.setPrintFormatter(new java.text.DecimalFormat("0.000"), "NaN");
        return t;
    }

    /** DFA's alignment after the last epoch at each feedback point (mean and std of the per-sample cosine). */
    public static Table alignment(RunResult dfa, List<String> pointNames, int[] pointSizes) {
        if (dfa.epochs().isEmpty()) { // diverged in its first epoch: nothing was measured
            double[] none = new double[pointNames.size()];
            java.util.Arrays.fill(none, Double.NaN);
            return Table.create("DFA alignment: none measured, the run " + dfa.describe())
                    .addColumns(
                            StringColumn.create("point", pointNames),
                            IntColumn.create("l_i", pointSizes),
                            DoubleColumn.create("cos mean", none),
                            DoubleColumn.create("cos std", none));
        }
        double[] mean = dfa.last().alignmentMean();
        double[] std = dfa.last().alignmentStd();
        if (mean.length != pointNames.size() || pointSizes.length != pointNames.size()) {
            throw new IllegalArgumentException(mean.length + " measured points but " + pointNames.size() + " names and "
                    + pointSizes.length + " sizes");
        }
        Table t = Table.create(String.format(
                Locale.ROOT,
                "DFA alignment per feedback point after epoch %d%s",
                dfa.epochs().size(),
                dfa.diverged() ? " (then " + dfa.describe() + ")" : ""));
        StringColumn name = StringColumn.create("point", pointNames);
        IntColumn size = IntColumn.create("l_i", pointSizes);
        DoubleColumn m = DoubleColumn.create("cos mean", mean);
        DoubleColumn s = DoubleColumn.create("cos std", std);
        m.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
        s.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
        return t.addColumns(name, size, m, s);
    }
}
