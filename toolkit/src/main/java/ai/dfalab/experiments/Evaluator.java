package ai.dfalab.experiments;

import ai.dfalab.data.LabeledData;
import ai.dfalab.train.BlockNetwork;
import ai.dfalab.train.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Classification accuracy and loss in inference mode (dropout off, batch norm on its running statistics). */
public final class Evaluator {
    private static final int CHUNK = 1000;

    /** Whether each sample of the data was classified correctly, in order, and the mean cross-entropy. */
    public record Evaluation(boolean[] correct, double loss) {
    }

    private Evaluator() {
    }

    /** Correct predictions on each sample of {@code data}, in order. */
    public static boolean[] correct(BlockNetwork net, LabeledData data) {
        return evaluate(net, data).correct();
    }

    public static Evaluation evaluate(BlockNetwork net, LabeledData data) {
        return evaluate(net, data, x -> x);
    }

    /** As {@link #evaluate(BlockNetwork, LabeledData)}, each chunk of images passed through {@code input} first (e.g. a centre crop). */
    public static Evaluation evaluate(BlockNetwork net, LabeledData data, java.util.function.UnaryOperator<INDArray> input) {
        boolean[] ok = new boolean[data.size()];
        int[] y = data.y();
        double loss = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            NativeMemory.collectIfNeeded();
            int to = Math.min(data.size(), from + CHUNK);
            INDArray p = net.forward(input.apply(data.rows(from, to).x()), false);
            INDArray predicted = p.argMax(1);
            for (int n = from; n < to; n++) {
                ok[n] = predicted.getInt(n - from) == y[n];
                loss -= Math.log(Math.max(p.getDouble(n - from, y[n]), Float.MIN_NORMAL));
            }
        }
        return new Evaluation(ok, loss / data.size());
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
