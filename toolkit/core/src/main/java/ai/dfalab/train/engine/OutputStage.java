package ai.dfalab.train.engine;

import ai.dfalab.backend.Gemm;
import java.util.Arrays;

/**
 * The output layer: {@code p = softmax(W^T x + b)} and, against the labels, {@code e = p - y}, the true gradient of
 * the cross-entropy summed over the batch (DL4J's MCXENT). Both are kept one row per sample, as DL4J and the feedback
 * matrices take them. Backward: {@code dx = W e^T}, {@code dW = x e}, {@code db = sum_n e_n}.
 */
final class OutputStage extends WeightStage {
    private Columns logits;
    private Columns probabilities;
    private Columns error;
    private Columns labels;

    OutputStage(int layer, int nIn, int classes, Param w, Param b) {
        super(layer, Shape.flat(nIn), Shape.flat(classes), w, b);
    }

    @Override
    boolean takesSampleRows() {
        return true;
    }

    @Override
    void allocate(int batch) {
        super.allocate(batch);
        logits = Columns.allocateRows(batch, out.size());
        probabilities = Columns.allocateRows(batch, out.size());
        error = Columns.allocateRows(batch, out.size());
    }

    void setLabels(Columns labels) {
        this.labels = labels;
    }

    Columns logits() {
        return logits;
    }

    Columns probabilities() {
        return probabilities;
    }

    Columns error() {
        return error;
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        Gemm.gemm(w.value, true, x.array, x.sampleRows, y.array, 1, 0); // W^T x, one column per sample
        float[] bias = b == null ? new float[out.size()] : b.values();
        int classes = out.size();
        int batch = y.cols;
        double[] ex = new double[classes];
        for (int n = 0; n < batch; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                float a = y.get(c * batch + n) + bias[c]; // the logits, one row per sample
                logits.put(n * classes + c, a);
                max = Math.max(max, a);
            }
            double total = 0;
            for (int c = 0; c < classes; c++) {
                ex[c] = Math.exp(logits.get(n * classes + c) - max);
                total += ex[c];
            }
            for (int c = 0; c < classes; c++) {
                float p = (float) (ex[c] / total);
                probabilities.put(n * classes + c, p);
                if (labels != null) {
                    error.put(n * classes + c, p - labels.get(n * classes + c));
                }
            }
        }
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        int classes = out.size();
        Arrays.fill(biasGradient, 0);
        for (int n = 0; n < error.rows; n++) {
            for (int c = 0; c < classes; c++) {
                biasGradient[c] += error.get(n * classes + c);
            }
        }
        if (dx != null) {
            Gemm.gemm(down.weights(layer, w.value), false, error.array, true, dx.array, 1, 0); // dx = W e^T
        }
        w.productStep(x.array, x.sampleRows, error.array, false, pass); // dW = x e
        stepBias(pass);
    }
}
