package ai.dfalab.feedback;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Draws {@code N(0,1) * scale} matrices from a seed with Java's generator, so a feedback matrix is the same on every
 * ND4J backend (CPU or CUDA) and every run. Values are drawn in row-major order and copied in blocks of rows, so the
 * matrix may exceed what one Java array or buffer can address (VGG-16's unified matrix for ImageNet is 3.2 billion
 * floats) and costs its own bytes plus one block.
 */
final class GaussianMatrix {
    /** Floats per copied block (16 MB). */
    static final int BLOCK = 1 << 22;

    private GaussianMatrix() {}

    static INDArray draw(long seed, int rows, int cols, double scale) {
        return draw(seed, rows, cols, scale, Math.max(1, BLOCK / cols));
    }

    /** As {@link #draw(long, int, int, double)}, copying {@code blockRows} rows at a time. */
    static INDArray draw(long seed, int rows, int cols, double scale, int blockRows) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        float[] values = new float[Math.min(rows, blockRows) * cols];
        for (int r0 = 0; r0 < rows; r0 += blockRows) {
            int r1 = Math.min(rows, r0 + blockRows);
            int n = (r1 - r0) * cols;
            for (int i = 0; i < n; i++) {
                values[i] = (float) (random.nextGaussian() * scale);
            }
            INDArray block = n == values.length
                    ? Nd4j.create(values, new long[] {r1 - r0, cols}, DataType.FLOAT)
                    : Nd4j.create(java.util.Arrays.copyOf(values, n), new long[] {r1 - r0, cols}, DataType.FLOAT);
            m.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()).assign(block);
        }
        return m;
    }
}
