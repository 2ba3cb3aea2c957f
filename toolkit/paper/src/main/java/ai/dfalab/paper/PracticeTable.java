package ai.dfalab.paper;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.run.EpochMetrics;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.Sweep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of practices, as the paper's Tables 2 and 4 are: each row changes a base run (another activation, batch
 * norm, dropout, feedback), runs over seeds, and is set beside the paper's numbers where the paper has the row. Rows
 * are data: the paper's are the default list, {@link #withRow} adds one of yours (from a notebook too), and
 * {@link #compare} covers whatever rows ran.
 *
 * @param points the feedback points as the paper names them, from the input side
 */
public record PracticeTable(String title, RunSpec base, List<String> points, List<Row> rows, Sizing sizing) {
    /**
     * Tolerance of "reproduced": our mean test accuracy within the larger of this many points and twice the paper's
     * standard deviation of the paper's mean.
     */
    public static final double TOLERANCE_POINTS = 1.5;

    /** A row: its name, how it changes the base run, and the paper's numbers for it (null: a row of your own). */
    public record Row(String name, UnaryOperator<RunSpec> change, Reference paper) {
        public Row(String name, UnaryOperator<RunSpec> change) {
            this(name, change, null);
        }

        /** The base run as it is. */
        public static Row norm(Reference paper) {
            return new Row("norm", s -> s, paper);
        }

        /** The feedback without its normalisation. */
        public static Row noNorm(Reference paper) {
            return new Row("no norm", s -> s.withFeedback(FeedbackKind.UNIFIED_NONORM), paper);
        }

        /** Batch norm after each hidden activation. */
        public static Row batchNorm(Reference paper) {
            return new Row("norm+BN", s -> s.withModel(m -> m.withBatchNorm(true)), paper);
        }

        /** Dropout 0.1 on the input and {@code hidden} after each hidden block, "norm+DO(hidden)". */
        public static Row dropout(double hidden, Reference paper) {
            return new Row("norm+DO(" + hidden + ")", s -> s.withModel(m -> m.withDropout(0.1, hidden)), paper);
        }

        /** Another hidden activation, by its id (e.g. {@code "lrelu:0.01"}). */
        public static Row activation(String name, String activation, Reference paper) {
            return new Row(name, s -> s.withModel(m -> m.withActivation(activation)), paper);
        }

        /** The same row at learning rate {@code rate}. */
        public Row atRate(double rate) {
            return new Row(name, s -> change.apply(s).withLearningRate(rate), paper);
        }
    }

    /**
     * The paper's numbers for a row: test and train accuracy (percent; train NaN where the paper gives none), mean and
     * standard deviation over its 10 runs; alignment cosine per feedback point, mean and standard deviation over 128
     * samples of its best run.
     */
    public record Reference(double test, double testSd, double train, double trainSd, double[] cos, double[] cosSd) {
        /** As the paper prints a row: each point's mean cosine followed by its standard deviation. */
        public static Reference printed(double test, double testSd, double train, double trainSd, double... cosAndSd) {
            double[] cos = new double[cosAndSd.length / 2];
            double[] cosSd = new double[cos.length];
            for (int p = 0; p < cos.length; p++) {
                cos[p] = cosAndSd[2 * p];
                cosSd[p] = cosAndSd[2 * p + 1];
            }
            return new Reference(test, testSd, train, trainSd, cos, cosSd);
        }
    }

    /** How a run is sized at a scale, and how many seeds a row runs there. */
    public interface Sizing {
        RunSpec apply(RunSpec spec, Scale scale, long seed);

        int seeds(Scale scale);
    }

    /** The notebooks' scale knob as it stands: {@link Scale#apply} and {@link Scale#seeds}. */
    public static final Sizing BY_SCALE = new Sizing() {
        @Override
        public RunSpec apply(RunSpec spec, Scale scale, long seed) {
            return scale.apply(spec, seed);
        }

        @Override
        public int seeds(Scale scale) {
            return scale.seeds();
        }
    };

    public PracticeTable {
        points = List.copyOf(points);
        rows = List.copyOf(rows);
    }

    /** The same table with {@code row} added (or replacing the row of the same name). */
    public PracticeTable withRow(Row row) {
        List<Row> changed = new ArrayList<>(
                rows.stream().filter(r -> !r.name().equals(row.name())).toList());
        changed.add(row);
        return new PracticeTable(title, base, points, changed, sizing);
    }

    /** The same rows changing another base run (e.g. another data set or seed range). */
    public PracticeTable withBase(RunSpec other) {
        return new PracticeTable(title, other, points, rows, sizing);
    }

    /** Every run of the table at {@code scale}, row by row. */
    public Map<String, List<RunSpec>> runs(Scale scale) {
        return runs(scale, sizing.seeds(scale));
    }

    /** As {@link #runs(Scale)}, with seeds 0 to {@code seeds - 1} for every row. */
    public Map<String, List<RunSpec>> runs(Scale scale, int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
        Map<String, List<RunSpec>> runs = new LinkedHashMap<>();
        for (Row row : rows) {
            List<RunSpec> group = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
                group.add(sizing.apply(row.change().apply(base), scale, seed));
            }
            runs.put(row.name(), group);
        }
        return runs;
    }

    /** {@code spec} sized as this table sizes its runs at {@code scale}. */
    public RunSpec atScale(RunSpec spec, Scale scale, long seed) {
        return sizing.apply(spec, scale, seed);
    }

    /** Runs (or reuses) every run of the table, rows side by side as the machine allows. */
    public Map<String, List<RunResult>> run(Experiment experiment, Scale scale) {
        return Sweep.runGroups(experiment, runs(scale));
    }

    /**
     * Ours beside the paper's, one line per group of runs in {@code results} (the table's rows in their order, then
     * any other group): test and
     * train accuracy, mean and standard deviation over seeds (percent); alignment per point from our best run (mean
     * over its 128 probe samples), as the paper reports it; the paper's numbers where it has the row, ours minus the
     * paper's, and whether the row is reproduced (within the larger of {@value #TOLERANCE_POINTS} points and two of
     * the paper's standard deviations; judged only for runs as long as the paper's, on all the data).
     */
    public Table compare(Map<String, List<RunResult>> results) {
        StringColumn name = StringColumn.create("practice");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn test = DoubleColumn.create("test");
        DoubleColumn testSd = DoubleColumn.create("test sd");
        DoubleColumn paperTest = DoubleColumn.create("paper test");
        DoubleColumn deltaTest = DoubleColumn.create("Δ test");
        StringColumn status = StringColumn.create("status");
        DoubleColumn exact = DoubleColumn.create("test exact 1k");
        DoubleColumn train = DoubleColumn.create("train");
        DoubleColumn paperTrain = DoubleColumn.create("paper train");
        List<DoubleColumn> cos = new ArrayList<>();
        for (String point : points) {
            cos.add(DoubleColumn.create("cos " + point));
            cos.add(DoubleColumn.create("paper cos " + point));
        }
        List<String> order = new ArrayList<>(
                rows.stream().map(Row::name).filter(results::containsKey).toList());
        results.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String row : order) {
            List<RunResult> group = results.get(row);
            if (group.isEmpty()) {
                continue;
            }
            Reference paper = reference(row);
            List<RunResult> ran = group.stream().filter(r -> !r.diverged()).toList();
            double[] ours =
                    ran.stream().mapToDouble(r -> 100 * r.testAccuracy()).toArray();
            name.append(row);
            runs.append(group.size());
            test.append(Stats.mean(ours));
            testSd.append(Stats.std(ours));
            paperTest.append(paper == null ? Double.NaN : paper.test());
            deltaTest.append(paper == null ? Double.NaN : Stats.mean(ours) - paper.test());
            status.append(
                    ran.size() < group.size()
                            ? diverged(group)
                            : atPaperSettings(group)
                                    ? status(Stats.mean(ours), paper)
                                    : "shorter than the paper's runs");
            exact.append(Stats.mean(ran.stream()
                    .mapToDouble(r -> 100 * r.last().testAccuracyExact())
                    .toArray()));
            train.append(Stats.mean(
                    ran.stream().mapToDouble(r -> 100 * r.trainAccuracy()).toArray()));
            paperTrain.append(paper == null ? Double.NaN : paper.train());
            double[] alignment = ran.stream()
                    .max(Comparator.comparingDouble(RunResult::testAccuracy))
                    .map(best -> best.last().alignmentMean())
                    .orElse(new double[0]);
            for (int p = 0; p < points.size(); p++) {
                cos.get(2 * p).append(p < alignment.length ? alignment[p] : Double.NaN);
                cos.get(2 * p + 1).append(paper == null ? Double.NaN : paper.cos()[p]);
            }
        }
        Table t = Table.create(title + ": ours vs paper (accuracy %, alignment cosine)")
                .addColumns(name, runs, test, testSd, paperTest, deltaTest, status, exact, train);
        if (rows.stream()
                .anyMatch(r -> r.paper() != null && !Double.isNaN(r.paper().train()))) {
            t.addColumns(paperTrain);
        }
        cos.forEach(t::addColumns);
        for (int c = 0; c < t.columnCount(); c++) {
            if (t.column(c) instanceof DoubleColumn d) {
                d.setPrintFormatter(new java.text.DecimalFormat("0.00"), "");
            }
        }
        return t;
    }

    private Reference reference(String row) {
        for (Row r : rows) {
            if (r.name().equals(row)) {
                return r.paper();
            }
        }
        return null;
    }

    /**
     * "diverged: 2 of 10 runs (seed 3: diverged at epoch 1 (step 5): ...)": the first diverged run speaks for the rest;
     * the row's accuracies are those of the runs that did not diverge (blank if none).
     */
    private static String diverged(List<RunResult> group) {
        List<RunResult> diverged = group.stream().filter(RunResult::diverged).toList();
        RunResult first = diverged.get(0);
        return "diverged: " + diverged.size() + " of " + group.size() + " runs (seed "
                + first.spec().seed() + ": " + first.describe() + ")";
    }

    /** Whether every run trained as long as the paper's, on all its data, and was tested on the whole test set. */
    private boolean atPaperSettings(List<RunResult> group) {
        return group.stream()
                .map(RunResult::spec)
                .allMatch(s -> s.epochs() == base.epochs() && s.trainLimit() == 0 && s.testLimit() == 0);
    }

    /** "reproduced", or by how much we miss the paper's mean, or "-" for a row the paper does not have. */
    static String status(double ours, Reference paper) {
        if (paper == null) {
            return "-";
        }
        double delta = ours - paper.test();
        return Math.abs(delta) <= Math.max(TOLERANCE_POINTS, 2 * paper.testSd())
                ? "reproduced"
                : String.format(Locale.ROOT, "%+.2f points", delta);
    }

    /** Per group, the mean over its seeds of one value per epoch (e.g. test accuracy), for curves. */
    public static Map<String, double[]> meanCurves(
            Map<String, List<RunResult>> results, ToDoubleFunction<EpochMetrics> value) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        results.forEach((name, runs) -> {
            int epochs = runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
            double[] mean = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                // a diverged run stops early: each epoch's mean is over the runs that reached it
                mean[e] = Stats.mean(runs.stream()
                        .filter(r -> r.epochs().size() > epoch)
                        .mapToDouble(r -> value.applyAsDouble(r.epochs().get(epoch)))
                        .toArray());
            }
            curves.put(name, mean);
        });
        return curves;
    }
}
