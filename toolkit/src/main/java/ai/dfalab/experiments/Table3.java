package ai.dfalab.experiments;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.train.SignalScale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    public record Reference(String dataset, double bp, double dfa, String note) {
    }

    public static final List<Reference> PAPER = List.of(
            new Reference("CIFAR-100 (256x256, crop 224, flip)", 60, 1, ""),
            new Reference("ImageNet", 75.2, 0.7, "BP from Simonyan and Zisserman"));

    /** What a scale runs: epochs, training and test samples, batch (0 for limits: all). */
    public record Plan(int epochs, int trainLimit, int testLimit, int batch) {
    }

    /** The data set and model a scale runs, and why, in words for the notebook. */
    public record Choice(DatasetName data, String model, String why) {
        /** Features of one image as the network takes it (3 x 224 x 224 or 3 x 32 x 32). */
        public int inputs() {
            return Networks.takes224(model) ? 3 * 224 * 224 : 3 * 32 * 32;
        }
    }

    private Table3() {
    }

    /**
     * {@code paper}: the paper's VGG-16 (224x224) on CIFAR-100 scaled to 256 and cropped to 224, or on CIFAR-10 through
     * the same pipeline when CIFAR-100 is not in the data folder (ImageNet: {@code data.ImageNetBatches}, not wired into
     * runs yet). Below it: the 32x32 VGG-16 with 1/8 of the filters on a CIFAR-10 subset, sized for a CPU.
     */
    public static Choice choose(Scale scale) {
        if (scale != Scale.PAPER) {
            return new Choice(DatasetName.CIFAR10, "vgg16-small-w8", "CPU-sized substitute: VGG-16's 13 convolutions with 1/8 of"
                    + " the filters on 32x32 CIFAR-10 images (CIFAR-100 and ImageNet are not needed below paper scale)");
        }
        return DataLocation.has(DatasetName.CIFAR100)
                ? new Choice(DatasetName.CIFAR100, "vgg16", "the paper's: VGG-16 on CIFAR-100 scaled to 256x256, random 224 crop and flip")
                : new Choice(DatasetName.CIFAR10, "vgg16", "CIFAR-100 not found in the data folder: VGG-16 on CIFAR-10 through the"
                        + " paper's CIFAR-100 pipeline (scaled to 256x256, random 224 crop and flip) instead");
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
    public static RunSpec base(DatasetName dataset, String model) {
        return RunSpec.paper().dataset(dataset).activation("relu").learningRate(1e-2).plateauPatience(5)
                .feedback(FeedbackKind.UNIFIED).scale(SignalScale.MEAN).model(model);
    }

    /**
     * The runs of the table from {@code base}, sized by {@code scale} (seed 0): BP, DFA, and DFA with the authors'
     * summed signal ({@code DFA (SUM)}).
     */
    public static Map<String, RunSpec> runs(RunSpec base, Scale scale) {
        Plan p = plan(scale);
        RunSpec sized = base.epochs(p.epochs()).trainLimit(p.trainLimit()).testLimit(p.testLimit()).batch(p.batch()).seed(0);
        Map<String, RunSpec> runs = new LinkedHashMap<>();
        runs.put("BP", sized.rule("bp"));
        runs.put("DFA", sized.rule("dfa"));
        runs.put("DFA (SUM)", sized.rule("dfa").scale(SignalScale.SUM));
        return runs;
    }

    /** Runs (or reuses) both runs, keeping their final weights for figure 3. */
    public static Map<String, RunResult> run(Experiment experiment, RunSpec base, Scale scale) {
        Map<String, RunResult> results = new LinkedHashMap<>();
        Experiment keeping = experiment.keepingWeights();
        runs(base, scale).forEach((name, spec) -> results.put(name, keeping.run(spec)));
        return results;
    }

    /** Ours (test and train top-1, %, chance, test loss: NaN when the weights overflowed) beside the paper's numbers for both of its data sets. */
    public static Table compare(Map<String, RunResult> results, int classes) {
        Table t = Table.create("Table 3: VGG-16 top-1 accuracy (%), ours vs paper");
        StringColumn rule = StringColumn.create("rule");
        IntColumn epochs = IntColumn.create("epochs");
        DoubleColumn test = DoubleColumn.create("test");
        DoubleColumn train = DoubleColumn.create("train");
        DoubleColumn chance = DoubleColumn.create("chance");
        DoubleColumn loss = DoubleColumn.create("test loss");
        DoubleColumn lr = DoubleColumn.create("final lr");
        DoubleColumn[] paper = PAPER.stream().map(r -> DoubleColumn.create("paper " + r.dataset())).toArray(DoubleColumn[]::new);
        results.forEach((name, r) -> {
            rule.append(name);
            epochs.append(r.epochs().size());
            test.append(100 * r.testAccuracy());
            train.append(100 * r.trainAccuracy());
            chance.append(100.0 / classes);
            loss.append(r.last().testLoss());
            lr.append(r.last().learningRate());
            for (int d = 0; d < PAPER.size(); d++) {
                paper[d].append(name.equals("BP") ? PAPER.get(d).bp() : PAPER.get(d).dfa());
            }
        });
        t.addColumns(rule, epochs, test, train, chance, loss, lr);
        t.addColumns(paper);
        for (DoubleColumn c : List.of(test, train, chance)) {
            c.setPrintFormatter(new java.text.DecimalFormat("0.0"), "");
        }
        loss.setPrintFormatter(new java.text.DecimalFormat("0.000"), "NaN");
        return t;
    }

    /** DFA's alignment after the last epoch at each feedback point (mean and std of the per-sample cosine). */
    public static Table alignment(RunResult dfa, List<String> pointNames, int[] pointSizes) {
        double[] mean = dfa.last().alignmentMean();
        double[] std = dfa.last().alignmentStd();
        if (mean.length != pointNames.size() || pointSizes.length != pointNames.size()) {
            throw new IllegalArgumentException(mean.length + " measured points but " + pointNames.size() + " names and "
                    + pointSizes.length + " sizes");
        }
        Table t = Table.create(String.format(Locale.ROOT, "DFA alignment per feedback point after epoch %d", dfa.epochs().size()));
        StringColumn name = StringColumn.create("point", pointNames);
        IntColumn size = IntColumn.create("l_i", pointSizes);
        DoubleColumn m = DoubleColumn.create("cos mean", mean);
        DoubleColumn s = DoubleColumn.create("cos std", std);
        m.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
        s.setPrintFormatter(new java.text.DecimalFormat("0.000"), "");
        return t.addColumns(name, size, m, s);
    }
}
