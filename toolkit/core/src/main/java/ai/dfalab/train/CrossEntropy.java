package ai.dfalab.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax cross-entropy from the logits, as log-softmax: {@code logsumexp(z) - z_y} with the row's maximum subtracted
 * first, in double. Finite whenever the logits are, also where a float softmax underflows to 0 (which made
 * {@code log(softmax)} give infinity for confident mistakes, e.g. every epoch of a ReLU run on CIFAR-10).
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** The summed loss over the rows of {@code logits} (batch x classes) against one-hot {@code labels}. */
    public static double sum(INDArray logits, INDArray labels) {
        float[][] z = logits.toFloatMatrix();
        float[][] y = labels.toFloatMatrix();
        double total = 0;
        for (int n = 0; n < z.length; n++) {
            total += row(z[n], y[n]);
        }
        return total;
    }

    /** The loss of one sample: {@code -sum_j y_j log softmax(z)_j}; NaN if a logit is not finite. */
    static double row(float[] z, float[] y) {
        double logSum = logSumExp(z);
        double loss = 0;
        for (int j = 0; j < z.length; j++) {
            if (y[j] != 0) { // 0 * (z - logSum) is 0 even where it would be 0 * infinity
                loss -= y[j] * (z[j] - logSum);
            }
        }
        return loss;
    }

    /** The loss of one sample of class {@code label}: {@code logsumexp(z) - z_label}. */
    public static double row(float[] z, int label) {
        return logSumExp(z) - z[label];
    }

    /** {@code log sum_j exp(z_j)}, the maximum taken out first; NaN if a logit is not finite. */
    private static double logSumExp(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        if (!Double.isFinite(max)) {
            return Double.NaN;
        }
        double exp = 0;
        for (float v : z) {
            exp += Math.exp(v - max);
        }
        return max + Math.log(exp); // NaN as well if a logit is NaN (max skips NaN, exp does not)
    }
}
