package ai.dfalab.feedback;

import ai.dfalab.backend.Backend;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Fastfood-style feedback (Le, Sarlós and Smola, 2013): {@code U = H G P H D / |G|} on the error zero-padded to
 * {@code d = 2^k >= l_max}, with {@code D} random signs, {@code P} a permutation, {@code G} Gaussian scalings and
 * {@code H} the Walsh-Hadamard transform; point {@code i} takes the first {@code l_i} outputs, scaled as eq. 8.
 * O(d log d) work per sample; its O(d) diagonals are regenerated from the seed per projection, so it holds only the seed.
 */
public final class StructuredFeedback extends SizedFeedback {
    private static final int TILE = 32;
    private final long seed;
    private final int d;

    public StructuredFeedback(int[] sizes, int errorSize, long seed, boolean normalised) {
        super("structured", sizes, errorSize, normalised);
        int widest = Math.max(errorSize, widest());
        if (widest > 1 << 30) {
            throw new IllegalArgumentException("structured feedback: width " + widest + " is above 2^30");
        }
        this.seed = seed;
        this.d = Integer.highestOneBit(widest) == widest ? widest : Integer.highestOneBit(widest) << 1;
    }

    /** The padded width {@code d}: the power of two the transforms work on. */
    public int width() {
        return d;
    }

    @Override
    public void project(int point, INDArray error, INDArray out, double alpha) {
        int batch = (int) error.size(0);
        int l = sizes[point];
        if (error.rank() != 2 || error.size(1) != errorSize || out.size(0) != batch || out.size(1) != l) {
            throw new IllegalArgumentException(
                    "structured feedback point " + point + ": error " + Arrays.toString(error.shape()) + " and out "
                            + Arrays.toString(out.shape()) + ", expected batch x " + errorSize + " and batch x " + l);
        }
        Diagonals diag = new Diagonals(d, seed);
        float[] e = error.dup('c').data().asFloat();
        // columns are samples: the transforms run down the rows, each butterfly on whole batch-long rows.
        // H D on the zero-padded error: with x zero beyond row p (a power of two >= e), (H_d x)_j = (H_p x)_{j mod p}
        int p = Math.min(
                d, Integer.highestOneBit(errorSize) == errorSize ? errorSize : Integer.highestOneBit(errorSize) << 1);
        float[] x = new float[p * batch];
        for (int k = 0; k < errorSize; k++) {
            for (int s = 0; s < batch; s++) {
                x[k * batch + s] = diag.signs[k] * e[s * errorSize + k];
            }
        }
        Hadamard.transform(x, p, batch);
        // then G P: y_m = g_m (H D x)_{P(m)}, and H again
        float[] y = new float[d * batch];
        for (int m = 0; m < d; m++) {
            float g = diag.gauss[m];
            int from = (diag.permutation[m] & (p - 1)) * batch;
            for (int s = 0; s < batch; s++) {
                y[m * batch + s] = g * x[from + s];
            }
        }
        Hadamard.transform(y, d, batch);
        // every row of H G P H D has norm sqrt(d) |G| over the padded width: divided by |G|, its entries have mean
        // square 1, as N(0,1), and eq. 8's scale applies as to a Gaussian matrix
        float c = (float) (alpha * entryScale(point) / diag.norm);
        float[] t = new float[batch * l];
        for (int j0 = 0; j0 < l; j0 += TILE) { // the transpose in tiles, so reads and writes both stay in cache
            int j1 = Math.min(l, j0 + TILE);
            for (int s0 = 0; s0 < batch; s0 += TILE) {
                int s1 = Math.min(batch, s0 + TILE);
                for (int s = s0; s < s1; s++) {
                    for (int j = j0; j < j1; j++) {
                        t[s * l + j] = c * y[j * batch + s];
                    }
                }
            }
        }
        write(t, out);
    }

    private static void write(float[] values, INDArray out) {
        if (Backend.cpu()
                && out.dataType() == DataType.FLOAT
                && out.ordering() == 'c'
                && !out.isView()
                && out.length() == values.length) {
            out.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
        } else {
            out.assign(Nd4j.create(values, out.shape(), DataType.FLOAT));
        }
    }

    /** Points of equal size take the same outputs with the same scale. */
    @Override
    public boolean sameSignal(int i, int j) {
        return sizes[i] == sizes[j];
    }

    /** {@code B_i}, from projecting the identity ({@code I B_i^T = B_i^T}): for checks and figures only. */
    @Override
    public INDArray matrix(int point) {
        return project(point, Nd4j.eye(errorSize).castTo(DataType.FLOAT))
                .transpose()
                .dup('c');
    }

    /** Nothing: the diagonals live only during a projection. */
    @Override
    public List<DataBuffer> buffers() {
        return List.of();
    }

    /** No array is held; the seed and sizes are a few numbers. */
    @Override
    public long bytes() {
        return 0;
    }

    /** {@code D}, {@code P} and {@code G} drawn from the seed in a fixed order, and {@code |G|}. */
    private static final class Diagonals {
        final float[] signs;
        final int[] permutation;
        final float[] gauss;
        final double norm;

        Diagonals(int d, long seed) {
            SplittableRandom random = new SplittableRandom(SeededFeedback.blockSeed(seed, -1));
            signs = new float[d];
            for (int i = 0; i < d; i++) {
                signs[i] = random.nextBoolean() ? 1f : -1f;
            }
            permutation = new int[d];
            for (int i = 0; i < d; i++) {
                permutation[i] = i;
            }
            for (int i = d - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            gauss = new float[d];
            double sum = 0;
            for (int i = 0; i < d; i++) {
                gauss[i] = (float) random.nextGaussian();
                sum += (double) gauss[i] * gauss[i];
            }
            norm = Math.sqrt(sum);
        }
    }
}
