package ai.dfalab.feedback;

import ai.dfalab.blas.Backend;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws {@code N(0,1) * scale} matrices from a seed with Java's generator, so a feedback matrix is the same
 * on every ND4J backend (CPU or CUDA) and every run. On the CPU the values go straight into ND4J's native buffer:
 * no Java-heap copy, so the matrix costs its own bytes and nothing more.
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
        if (Backend.cpu()) {
            INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
            FloatBuffer values = m.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < n; i++) {
                values.put(i, (float) (random.nextGaussian() * scale));
            }
            return m;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.FLOAT);
    }
}
