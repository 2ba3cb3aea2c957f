package ai.dfalab.feedback;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws {@code N(0,1) * scale} matrices from a seed with Java's generator, so a feedback matrix is the same
 * on every ND4J backend (CPU or CUDA) and every run.
 */
final class GaussianMatrix {
    private GaussianMatrix() {
    }

    static INDArray draw(long seed, int rows, int cols, double scale) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feedback matrix " + rows + " x " + cols + " is too large for one array");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.FLOAT);
    }
}
