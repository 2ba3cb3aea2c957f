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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
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

    /** How long a run is: epochs, training and test samples, batch (0 for limits: all). */
    public record Plan(int epochs, int trainLimit, int testLimit, int batch) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d epoch%s of batch %d on %s training images, tested on %s",
                    epochs,
                    epochs == 1 ? "" : "s",
                    batch,
                    trainLimit == 0 ? "all" : String.format(Locale.ROOT, "%,d", trainLimit),
                    testLimit == 0 ? "all the test images" : String.format(Locale.ROOT, "the first %,d", testLimit));
        }
    }

    /** The data set, model and plan a row runs, its classes, and why, in words for the notebook. */
    public record Choice(DatasetName data, Architecture model, int classes, Plan plan, String why) {
        /** A name for the row's files, e.g. {@code cifar10-vgg16-small}. */
        public String id() {
            return data.id() + "-" + model.id();
        }
    }

    /**
     * One row of the paper's table at a scale: the paper's numbers and what we run for it, or, when nothing runs
     * ({@code choice} null), why not: its data are absent, or the scale is below paper.
     */
    public record Row(Reference paper, Choice choice, String whyNot) {
        public boolean runs() {
            return choice != null;
        }
    }

    /**
     * The narrow VGG-16's plans below {@code paper} scale, sized for a 2-core CPU (steps of a VGG-16 take seconds
     * there): a subset of the data, a smaller batch, a test subset.
     */
    static final Plan SMOKE_PLAN = new Plan(1, 256, 256, 32);

    static final Plan QUICK_PLAN = new Plan(4, 2048, 1000, 32);

    /**
     * The CPU-sized row of {@code paper} scale: the full-width 32x32 VGG-16 for 10 epochs of the whole training set, the
     * largest a 2-core CPU trains in hours (a BP step takes about 1.1 s there with AVX-512 BLAS kernels, 1.6 s with
     * AVX2 ones; a DFA step less).
     */
    public static final Plan CPU_PLAN = new Plan(10, 0, 0, 128);

    /**
     * The paper's own size: no epoch count or batch is given, so 74 epochs (Simonyan and Zisserman's ImageNet run) of
     * batch 128.
     */
    public static final Plan PAPER_PLAN = new Plan(74, 0, 0, 128);

    private Table3() {}

    /**
     * The 32x32 CIFAR row ({@link #rows}' first), which figure 3 shows too. Below {@code paper} scale: the VGG-16 with
     * 1/8 of the filters on a CIFAR-10 subset for minutes. At it: the full-width 32x32 VGG-16 on all of CIFAR-100 (or
     * CIFAR-10 when CIFAR-100 is not in the data folder), {@link #CPU_PLAN}.
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
                    scale == Scale.SMOKE ? SMOKE_PLAN : QUICK_PLAN,
                    "CPU-sized substitute: VGG-16's 13 convolutions with 1/8 of the filters on a subset of 32x32"
                            + " CIFAR-10 (CIFAR-100 and ImageNet are not needed below paper scale)");
        }
        boolean hundred = DataLocation.has(root, DatasetName.CIFAR100);
        return new Choice(
                hundred ? DatasetName.CIFAR100 : DatasetName.CIFAR10,
                Architecture.VGG16_SMALL,
                hundred ? 100 : 10,
                CPU_PLAN,
                "the largest a CPU can do: the full-width VGG-16 on 32x32 images, no augmentation"
                        + (hundred ? "" : " (CIFAR-10: no CIFAR-100 in the data folder)"));
    }

    /**
     * The paper's rows as {@code scale} runs them, data under {@link DataLocation#root()}. Below {@code paper}: the
     * CIFAR row on the narrow VGG-16 ({@link #choose}), ImageNet not run. At {@code paper}: the CPU-sized CIFAR row
     * ({@link #choose}) always; the paper's 224x224 VGG-16 on CIFAR-100 (scaled to 256, random 224 crop and flip) when
     * {@code cifar-100-binary/} is there; on ImageNet (one output per wnid folder, streamed from disk) when {@code
     * imagenet/} is there; each marked absent otherwise. The 224x224 rows want a GPU.
     */
    public static List<Row> rows(Scale scale) {
        return rows(scale, DataLocation.root());
    }

    static List<Row> rows(Scale scale, Path root) {
        Reference cifar100 = PAPER.get(0);
        Reference imageNet = PAPER.get(1);
        Row small = new Row(cifar100, choose(scale, root), null);
        if (scale != Scale.PAPER) {
            return List.of(small, new Row(imageNet, null, "not run below paper scale"));
        }
        Row paperCifar = DataLocation.has(root, DatasetName.CIFAR100)
                ? new Row(
                        cifar100,
                        new Choice(
                                DatasetName.CIFAR100,
                                Architecture.VGG16,
                                100,
                                PAPER_PLAN,
                                "the paper's: VGG-16 on CIFAR-100 scaled to 256x256, random 224 crop and flip"),
                        null)
                : new Row(cifar100, null, "absent: no " + DatasetName.CIFAR100.folder() + "/ under " + root);
        Row paperImageNet = DataLocation.has(root, DatasetName.IMAGENET)
                ? new Row(
                        imageNet,
                        new Choice(
                                DatasetName.IMAGENET,
                                Architecture.VGG16,
                                StreamedImageNet.classes(root),
                                PAPER_PLAN,
                                "the paper's: VGG-16 on ImageNet, shorter side resized to 256, random 224 crop and flip,"
                                        + " streamed from disk"),
                        null)
                : new Row(
                        imageNet,
                        null,
                        "absent: no " + DatasetName.IMAGENET.folder() + "/ with train/ and val/ under " + root + " ("
                                + DatasetName.IMAGENET_GUIDE + " says how to prepare it)");
        return List.of(small, paperCifar, paperImageNet);
    }

    /** Which of the paper's rows run, on what data and model, and why (or why not). */
    public static Table rowsTable(List<Row> rows) {
        return Table.create(
                "Table 3: the paper's rows and what runs for each",
                column("paper row", rows, row -> row.paper().dataset()),
                column("runs", rows, row -> row.runs() ? "yes" : "no"),
                column("our data", rows, row -> row.runs() ? row.choice().data().toString() : ""),
                column("model", rows, row -> row.runs() ? row.choice().model().id() : ""),
                column("plan", rows, row -> row.runs() ? row.choice().plan().toString() : ""),
                column("why", rows, row -> row.runs() ? row.choice().why() : row.whyNot()));
    }

    private static StringColumn column(String name, List<Row> rows, Function<Row, String> value) {
        return StringColumn.create(name, rows.stream().map(value));
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

    /** The {@code DFA, lr 1e-3} run's learning rate: a tenth of the paper's. */
    public static final double LOWER_LR = 1e-3;

    /** The names {@link #runs} gives the DFA run at the paper's rate and at {@link #LOWER_LR}. */
    public static final String DFA = "DFA";

    public static final String DFA_LOWER_LR = "DFA, lr 1e-3";

    /**
     * The runs of the table from {@code base}, sized by {@code plan} (seed 0): BP, DFA, DFA with the authors' summed
     * signal ({@code DFA (SUM)}), and DFA at a tenth of the learning rate ({@code DFA, lr 1e-3}): at the paper's, DFA's
     * weights overflow within an epoch or two, so the slower run shows what DFA learns while its network stays finite.
     */
    public static Map<String, RunSpec> runs(RunSpec base, Plan plan) {
        RunSpec sized = base.withEpochs(plan.epochs())
                .withTrainLimit(plan.trainLimit())
                .withTestLimit(plan.testLimit())
                .withBatch(plan.batch())
                .withSeed(0);
        Map<String, RunSpec> runs = new LinkedHashMap<>();
        runs.put("BP", sized.withRule(Rule.BP));
        runs.put(DFA, sized.withRule(Rule.DFA));
        runs.put("DFA (SUM)", sized.withRule(Rule.DFA).withScale(SignalScale.SUM));
        runs.put(DFA_LOWER_LR, sized.withRule(Rule.DFA).withLearningRate(LOWER_LR));
        return runs;
    }

    /** The runs of {@code choice}: {@link #runs(RunSpec, Plan)} of its data, model and plan. */
    public static Map<String, RunSpec> runs(Choice choice) {
        return runs(base(choice.data(), choice.model()), choice.plan());
    }

    /**
     * Runs (or reuses) the runs of every row that runs, in order, keeping the final weights of those it trains for
     * figure 3 (reference runs are reused without weights).
     */
    public static Map<Row, Map<String, RunResult>> run(Experiment experiment, List<Row> rows) {
        Experiment keeping = experiment.keepingWeights();
        Map<Row, Map<String, RunResult>> results = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.runs()) {
                Map<String, RunResult> byRule = new LinkedHashMap<>();
                runs(row.choice()).forEach((name, spec) -> byRule.put(name, keeping.run(spec)));
                results.put(row, byRule);
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

    /**
     * DFA's alignment at each feedback point after each DFA run's last epoch (mean and std of the per-sample cosine),
     * one pair of columns per DFA run of {@code runs} (a row's runs by name); a run that diverged in its first epoch
     * measured none, and the title says so.
     */
    public static Table alignment(Map<String, RunResult> runs, List<String> pointNames, int[] pointSizes) {
        if (pointSizes.length != pointNames.size()) {
            throw new IllegalArgumentException(pointNames.size() + " point names but " + pointSizes.length + " sizes");
        }
        Table t = Table.create("DFA alignment per feedback point after each run's last epoch")
                .addColumns(StringColumn.create("point", pointNames), IntColumn.create("l_i", pointSizes));
        List<String> none = new ArrayList<>();
        runs.forEach((name, r) -> {
            if (r.spec().rule() != Rule.DFA) {
                return;
            }
            if (r.epochs().isEmpty()) { // diverged in its first epoch: nothing was measured
                none.add(name + ", " + r.describe());
                return;
            }
            double[] mean = r.last().alignmentMean();
            if (mean.length != pointNames.size()) {
                throw new IllegalArgumentException(
                        name + ": " + mean.length + " measured points but " + pointNames.size() + " names");
            }
            String when = " (epoch " + r.epochs().size() + (r.diverged() ? ", then diverged" : "") + ")";
            DoubleColumn m = DoubleColumn.create(name + when + " cos mean", mean);
            DoubleColumn s = DoubleColumn.create(name + " cos std", r.last().alignmentStd());
            m.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
            s.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
            t.addColumns(m, s);
        });
        if (!none.isEmpty()) {
            t.setName(t.name() + "; none measured: " + String.join("; ", none));
        }
        return t;
    }

    /** The DFA run that measured its alignment longest ({@link #DFA} before the others on a tie), or null if none did. */
    public static String longestDfa(Map<String, RunResult> runs) {
        String longest = null;
        for (var e : runs.entrySet()) {
            if (e.getValue().spec().rule() == Rule.DFA
                    && !e.getValue().epochs().isEmpty()
                    && (longest == null
                            || e.getValue().epochs().size()
                                    > runs.get(longest).epochs().size())) {
                longest = e.getKey();
            }
        }
        return longest;
    }
}
