package ai.dfalab.feedback;

import ai.dfalab.backend.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The unified feedback matrix (eq. 7-8): one {@code l_max x e} Gaussian {@code U}; normalised,
 * {@code B = U / sqrt(l_max e)} and point {@code i} uses {@code B_i = sqrt(l_max / l_i) B[0:l_i, :]}, so every
 * slice has entries of std {@code 1 / sqrt(l_i e)}. Without normalisation ("no norm") {@code B_i = U[0:l_i, :]}.
 */
public final class UnifiedFeedback extends SizedFeedback {
    private final INDArray b;
    private final INDArray[] slices;
    private final double[] scales;

    public UnifiedFeedback(int[] sizes, int errorSize, long seed, boolean normalised) {
        super("unified", sizes, errorSize, normalised);
        int lMax = widest();
        this.b = GaussianMatrix.draw(
                seed, lMax, errorSize, normalised ? 1.0 / Math.sqrt((double) lMax * errorSize) : 1.0);
        this.slices = new INDArray[sizes.length];
        this.scales = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            slices[i] = b.get(NDArrayIndex.interval(0, sizes[i]), NDArrayIndex.all());
            scales[i] = normalised ? Math.sqrt((double) lMax / sizes[i]) : 1.0;
        }
    }

    /** The whole stored matrix {@code B} ({@code l_max x e}); a view, do not modify. */
    public INDArray unified() {
        return b;
    }

    /** The factor {@code sqrt(l_max / l_i)} of eq. 8 applied to point {@code i}'s slice (1 without normalisation). */
    public double sliceScale(int point) {
        return scales[point];
    }

    @Override
    public void project(int point, INDArray error, INDArray out, double alpha) {
        Gemm.gemm(error, false, slices[point], true, out, alpha * scales[point], 0.0);
    }

    /** Points of equal size take the same slice with the same scale. */
    @Override
    public boolean sameSignal(int i, int j) {
        return sizes[i] == sizes[j];
    }

    @Override
    public INDArray matrix(int point) {
        return slices[point].mul(scales[point]);
    }

    @Override
    public java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> buffers() {
        java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> all =
                new java.util.ArrayList<>(java.util.List.of(b.data()));
        for (INDArray slice : slices) {
            all.add(slice.data());
        }
        return all;
    }

    @Override
    public long bytes() {
        return b.length() * b.dataType().width();
    }
}
