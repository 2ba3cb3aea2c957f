package ai.dfalab.run;

import ai.dfalab.backend.NativeMemory;
import ai.dfalab.data.Batch;
import ai.dfalab.data.LabeledData;
import ai.dfalab.data.TrainingData;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.CrossEntropy;
import ai.dfalab.train.Learner;
import java.util.Iterator;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Classification accuracy and loss in inference mode (dropout off, batch norm on its running statistics). */
public final class Evaluator {
    private static final int CHUNK = 1000;

    /** Whether each sample of the data was classified correctly, in order, and the mean cross-entropy. */
    public record Evaluation(boolean[] correct, double loss) {}

    private Evaluator() {}

    /** Correct predictions on each sample of {@code data}, in order. */
    public static boolean[] correct(BlockNetwork net, LabeledData data) {
        return evaluate(net, data).correct();
    }

    public static Evaluation evaluate(BlockNetwork net, LabeledData data) {
        boolean[] ok = new boolean[data.size()];
        double loss = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            NativeMemory.collectIfNeeded();
            int to = Math.min(data.size(), from + CHUNK);
            INDArray p = net.forward(data.rows(from, to).x(), false);
            loss = score(loss, p, net.outputLogits(), data::label, ok, from, to);
        }
        return new Evaluation(ok, loss / data.size());
    }

    /** As {@link #evaluate(BlockNetwork, LabeledData)}, on the test samples of {@code data} as testing sees them. */
    public static Evaluation evaluate(BlockNetwork net, TrainingData data) {
        try (TrainingData.Batches batches = data.test()) {
            return evaluate(net, batches, data.testSize());
        }
    }

    /**
     * As {@link #evaluate(BlockNetwork, TrainingData)}, on the path {@code learner}'s steps take: the engine's
     * inference pass where it trains (DL4J's own layers would take longer than the epoch's training for a CNN).
     */
    public static Evaluation evaluate(Learner learner, TrainingData data) {
        try (TrainingData.Batches batches = data.test()) {
            return evaluate(learner::output, learner::outputLogits, batches, data.testSize());
        }
    }

    /** As {@link #evaluate(BlockNetwork, LabeledData)}, on {@code size} samples arriving in batches (one-hot labels). */
    public static Evaluation evaluate(BlockNetwork net, Iterator<Batch> batches, int size) {
        return evaluate(x -> net.forward(x, false), net::outputLogits, batches, size);
    }

    /** {@code output} an inference-mode pass, {@code logits} the pre-softmax values of the latest. */
    private static Evaluation evaluate(
            UnaryOperator<INDArray> output, Supplier<INDArray> logits, Iterator<Batch> batches, int size) {
        boolean[] ok = new boolean[size];
        double loss = 0;
        int from = 0;
        while (batches.hasNext()) {
            NativeMemory.collectIfNeeded();
            Batch batch = batches.next();
            int to = from + batch.size();
            if (to > size) {
                throw new IllegalArgumentException("more than the " + size + " samples announced");
            }
            INDArray p = output.apply(batch.features());
            int[] labels = batch.labels().argMax(1).toIntVector();
            int first = from;
            loss = score(loss, p, logits.get(), n -> labels[n - first], ok, from, to);
            from = to;
        }
        if (from != size) {
            throw new IllegalArgumentException(from + " samples arrived, " + size + " were announced");
        }
        return new Evaluation(ok, loss / size);
    }

    /**
     * Marks samples {@code from..to} (rows of {@code p}) correct or not in {@code ok}; {@code loss} plus their
     * cross-entropies from the {@code logits}, added one by one.
     */
    private static double score(
            double loss, INDArray p, INDArray logits, IntUnaryOperator label, boolean[] ok, int from, int to) {
        INDArray predicted = p.argMax(1);
        float[][] z = logits.toFloatMatrix();
        for (int n = from; n < to; n++) {
            int y = label.applyAsInt(n);
            ok[n] = predicted.getInt(n - from) == y;
            loss += CrossEntropy.row(z[n - from], y);
        }
        return loss;
    }

    /** Fraction of {@code correct[from..to)} that is true. */
    public static double accuracy(boolean[] correct, int from, int to) {
        int hits = 0;
        for (int n = from; n < to; n++) {
            hits += correct[n] ? 1 : 0;
        }
        return (double) hits / (to - from);
    }
}
