package ai.dfalab.paper;

import ai.dfalab.data.Batch;
import ai.dfalab.data.DataCache;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.LabeledData;
import ai.dfalab.data.Split;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.probe.AlignmentProbe;
import ai.dfalab.run.Evaluator;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.FeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.TrainingRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Figure 1 made live: a small MNIST network (784-256-256-256-10, tanh) trained a few hundred steps by each rule,
 * then, on one batch, the signal each rule sends to every hidden layer and its cosine to the BP gradient there.
 * DFA sums its signal over the batch (the authors' scaling), BP and FA average like the output layer.
 */
public final class Figure1 {
    private static final FcSpec NET =
            FcSpec.fc3x800Mnist().withHidden(List.of(256, 256, 256)).withLearningRate(0.01);

    /**
     * What a rule's trained network receives on the probe batch: its signals and BP's, per hidden layer; and its
     * accuracy on the whole MNIST test set.
     */
    public record Signals(String rule, INDArray[] signal, INDArray[] bp, double testAccuracy) {
        /** Mean over the batch of the per-sample cosine to BP at hidden layer {@code layer}. */
        public double cosine(int layer) {
            return java.util.Arrays.stream(AlignmentProbe.rowCosines(signal[layer], bp[layer]))
                    .average()
                    .orElseThrow();
        }
    }

    private Figure1() {}

    /** Trains one network per rule for {@code steps} batches of 64 on MNIST, then takes their signals on one test batch. */
    public static Map<String, Signals> run(int steps, long seed) {
        LabeledData train = DataCache.get(DatasetName.MNIST, Split.TRAIN);
        LabeledData test = DataCache.get(DatasetName.MNIST, Split.TEST);
        Batch probe = test.batch(IntStream.range(0, 128).toArray());
        Map<String, Signals> out = new LinkedHashMap<>();
        for (String rule : new String[] {"bp", "fa", "dfa"}) {
            BlockNetwork net = FcNetworks.build(NET.withSeed(seed));
            Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), net.classes(), seed);
            FeedbackAlignment fa = new FeedbackAlignment(net, seed);
            TrainingRule r = switch (rule) {
                case "bp" -> new Backprop();
                case "fa" -> fa;
                default -> new DirectFeedbackAlignment(feedback, SignalScale.SUM);
            };
            Learner learner = new Learner(net, r);
            for (int s = 0; s < steps; s++) {
                int from = (s * 64) % (train.size() - 64);
                Batch b = train.batch(IntStream.range(from, from + 64).toArray());
                learner.step(b.features(), b.labels());
            }
            INDArray output = net.forward(probe.features(), true);
            INDArray e = output.sub(probe.labels());
            INDArray[] signal = switch (rule) {
                case "bp" -> Backprop.backward(net, probe.labels());
                case "fa" -> fa.signals(net, output, probe.labels());
                default ->
                    IntStream.range(0, net.points())
                            .mapToObj(i -> feedback.project(i, e))
                            .toArray(INDArray[]::new);
            };
            net.forward(probe.features(), true);
            INDArray[] bp = Backprop.backward(net, probe.labels());
            boolean[] correct = Evaluator.correct(net, test);
            out.put(rule, new Signals(rule, signal, bp, Evaluator.accuracy(correct, 0, correct.length)));
        }
        return out;
    }

    /** Each rule's accuracy (percent) on the 10,000 MNIST test images after its training. */
    public static Table accuracies(Map<String, Signals> signals) {
        Table t = Table.create("Test accuracy on MNIST after training (%)");
        signals.forEach((rule, s) -> t.addColumns(DoubleColumn.create(rule, 100 * s.testAccuracy())));
        return t;
    }

    /**
     * Stops with an error unless every rule reached {@code minimum} test accuracy: a broken update trains to chance
     * (10 %), which a smoke run would otherwise pass without notice.
     */
    public static void requireLearning(Map<String, Signals> signals, double minimum) {
        signals.forEach((rule, s) -> {
            if (!(s.testAccuracy() >= minimum)) {
                throw new IllegalStateException(String.format(
                        java.util.Locale.ROOT,
                        "%s reached %.2f %% test accuracy on MNIST, below the %.0f %% any working rule reaches here: "
                                + "its update is broken",
                        rule,
                        100 * s.testAccuracy(),
                        100 * minimum));
            }
        });
    }

    /** Per hidden layer: each rule's mean cosine to the BP gradient on its own trained network. */
    public static Table cosines(Map<String, Signals> signals) {
        int layers = signals.get("bp").signal().length;
        Table t = Table.create(
                "Cosine of each rule's signal to the BP gradient (mean over 128 test images)",
                IntColumn.create(
                        "hidden layer", IntStream.rangeClosed(1, layers).toArray()));
        signals.forEach((rule, s) -> t.addColumns(DoubleColumn.create(
                rule, IntStream.range(0, layers).mapToDouble(s::cosine).toArray())));
        return t;
    }
}
