package ai.dfalab.feedback;

import ai.dfalab.backend.Gemm;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One independent matrix per feedback point (the naive DFA of Nøkland, 2016), each of entry std
 * {@code 1 / sqrt(l_i e)}; memory {@code 4 e sum(l_i)} bytes. Also takes given matrices, e.g. {@code W^T} for checks.
 */
public final class PerLayerFeedback implements Feedback {
    private final INDArray[] matrices;
    private final int errorSize;

    /** Independent Gaussian matrices drawn from {@code seed} (point {@code i} from {@code seed + i}). */
    public PerLayerFeedback(int[] sizes, int errorSize, long seed) {
        this.errorSize = errorSize;
        this.matrices = new INDArray[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            matrices[i] =
                    GaussianMatrix.draw(seed + i, sizes[i], errorSize, 1.0 / Math.sqrt((double) sizes[i] * errorSize));
        }
    }

    /** Given matrices {@code B_i} ({@code l_i x e} each, copied). */
    public PerLayerFeedback(List<INDArray> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("no feedback matrices given");
        }
        this.errorSize = (int) given.get(0).size(1);
        this.matrices = new INDArray[given.size()];
        for (int i = 0; i < matrices.length; i++) {
            INDArray m = given.get(i);
            if (m.rank() != 2 || m.size(1) != errorSize) {
                throw new IllegalArgumentException("feedback matrix " + i + " has shape "
                        + java.util.Arrays.toString(m.shape()) + ", expected l_" + i + " x " + errorSize);
            }
            matrices[i] = m.dup('c');
        }
    }

    @Override
    public int points() {
        return matrices.length;
    }

    @Override
    public int size(int point) {
        return (int) matrices[point].size(0);
    }

    @Override
    public int errorSize() {
        return errorSize;
    }

    @Override
    public void project(int point, INDArray error, INDArray out, double alpha) {
        Gemm.gemm(error, false, matrices[point], true, out, alpha, 0.0);
    }

    @Override
    public INDArray matrix(int point) {
        return matrices[point].dup();
    }

    @Override
    public java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> buffers() {
        return java.util.Arrays.stream(matrices).map(INDArray::data).toList();
    }

    @Override
    public long bytes() {
        long total = 0;
        for (INDArray m : matrices) {
            total += m.length() * m.dataType().width();
        }
        return total;
    }
}
