package ai.dfalab.feedback;

import ai.dfalab.backend.Backend;
import ai.dfalab.backend.Gemm;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The unified matrix of eq. 7-8 without storing it: {@code U} ({@code l_max x e}) is cut into blocks of rows, block
 * {@code k} drawn by its own generator seeded from a hash of (seed, k), and regenerated one block at a time whenever
 * a signal is projected. Holds the seed and one block of scratch; {@link #matrix} builds the same blocks in full.
 */
public final class SeededFeedback extends SizedFeedback {
    /** Floats in one block (64 KB): small enough to stay in the L2 cache while its GEMM reads it. */
    static final int BLOCK_FLOATS = 16384;

    private final long seed;
    private final int blockRows;
    private final INDArray scratch;

    public SeededFeedback(int[] sizes, int errorSize, long seed, boolean normalised) {
        super("seeded", sizes, errorSize, normalised);
        this.seed = seed;
        this.blockRows = rowsPerBlock(errorSize);
        this.scratch = Nd4j.create(DataType.FLOAT, Math.min(blockRows, widest()), errorSize);
    }

    /** Rows of {@code U} per block for error size {@code e}, so the matrix depends on (seed, e) only, not on the sizes. */
    static int rowsPerBlock(int errorSize) {
        return Math.max(1, BLOCK_FLOATS / errorSize);
    }

    /** The seed of block {@code k}'s generator: SplitMix64's finaliser of a (seed, k) mix, so nearby seeds do not share streams. */
    static long blockSeed(long seed, long block) {
        long z = seed * 0xBF58476D1CE4E5B9L + (block + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code out[:, rows of block k] = alpha s E U_k^T}, one block of {@code U} regenerated at a time. */
    @Override
    public synchronized void project(int point, INDArray error, INDArray out, double alpha) {
        int l = sizes[point];
        for (int r0 = 0, k = 0; r0 < l; r0 += blockRows, k++) {
            int n = Math.min(blockRows, l - r0);
            fill(k, n, scratch);
            INDArray block =
                    n == scratch.size(0) ? scratch : scratch.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
            INDArray columns = n == l ? out : out.get(NDArrayIndex.all(), NDArrayIndex.interval(r0, r0 + n));
            Gemm.gemm(error, false, block, true, columns, alpha * entryScale(point), 0.0);
        }
    }

    /** Writes the first {@code rows} rows of block {@code k} of {@code U} (row-major, as drawn) into {@code into}. */
    private void fill(int k, int rows, INDArray into) {
        SplittableRandom random = new SplittableRandom(blockSeed(seed, k));
        int n = rows * errorSize;
        if (Backend.cpu()) {
            FloatBuffer values =
                    into.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < n; i++) {
                values.put(i, (float) random.nextGaussian());
            }
        } else {
            float[] values = new float[(int) into.length()];
            for (int i = 0; i < n; i++) {
                values[i] = (float) random.nextGaussian();
            }
            into.assign(Nd4j.create(values, into.shape(), DataType.FLOAT));
        }
    }

    /** Points of equal size take the same rows with the same scale. */
    @Override
    public boolean sameSignal(int i, int j) {
        return sizes[i] == sizes[j];
    }

    /** {@code B_i} built block by block from the generators (allocates {@code l_i x e}: for checks and figures only). */
    @Override
    public synchronized INDArray matrix(int point) {
        int l = sizes[point];
        INDArray m = Nd4j.create(DataType.FLOAT, l, errorSize);
        for (int r0 = 0, k = 0; r0 < l; r0 += blockRows, k++) {
            int n = Math.min(blockRows, l - r0);
            fill(k, n, scratch);
            m.get(NDArrayIndex.interval(r0, r0 + n), NDArrayIndex.all())
                    .assign(scratch.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()));
        }
        return m.muli(entryScale(point));
    }

    /** The one block of scratch it keeps (the matrix itself is never held). */
    @Override
    public List<DataBuffer> buffers() {
        return List.of(scratch.data());
    }

    @Override
    public long bytes() {
        return scratch.length() * scratch.dataType().width();
    }
}
