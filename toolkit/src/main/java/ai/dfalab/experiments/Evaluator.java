package ai.dfalab.experiments;

import ai.dfalab.data.LabeledData;
import ai.dfalab.train.BlockNetwork;
import ai.dfalab.train.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Classification accuracy in inference mode (dropout off, batch norm on its running statistics). */
public final class Evaluator {
    private static final int CHUNK = 1000;

    private Evaluator() {
    }

    /** Number of correct predictions on each sample of {@code data}, in order (1 or 0). */
    public static boolean[] correct(BlockNetwork net, LabeledData data) {
        boolean[] ok = new boolean[data.size()];
        int[] y = data.y();
        for (int from = 0; from < data.size(); from += CHUNK) {
            NativeMemory.collectIfNeeded();
            int to = Math.min(data.size(), from + CHUNK);
            INDArray predicted = net.forward(data.rows(from, to).x(), false).argMax(1);
            for (int n = from; n < to; n++) {
                ok[n] = predicted.getInt(n - from) == y[n];
            }
        }
        return ok;
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
