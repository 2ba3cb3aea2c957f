package ai.dfalab.backend;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = alpha op(A) op(B) + beta C} on float matrices. On the CPU backend it calls OpenBLAS's
 * {@code cblas_sgemm} (the library ND4J itself loads) on the arrays' memory: ND4J's {@code Nd4j.gemm} goes through
 * its generic matmul op, which costs about 0.3 ms more per large product here. Elsewhere (CUDA, other types,
 * strided arrays) it is {@code Nd4j.gemm}.
 */
public final class Gemm {
    private Gemm() {}

    public static void gemm(
            INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double alpha, double beta) {
        if (!direct(a) || !direct(b) || !direct(c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        } else if (c.ordering() == 'f') {
            // an F-order C is C^T in row-major memory: C^T = op(B)^T op(A)^T
            rowMajor(b, !transposeB, a, !transposeA, c, c.size(1), c.size(0), alpha, beta);
        } else {
            rowMajor(a, transposeA, b, transposeB, c, c.size(0), c.size(1), alpha, beta);
        }
    }

    private static void rowMajor(
            INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, long m, long n, double alpha, double beta) {
        long k = ta ? a.size(0) : a.size(1); // the shared dimension
        openblas_nolapack.cblas_sgemm(
                openblas_nolapack.CblasRowMajor,
                (ta ^ a.ordering() == 'f') ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                (tb ^ b.ordering() == 'f') ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                (int) m,
                (int) n,
                (int) k,
                (float) alpha,
                pointer(a),
                leading(a),
                pointer(b),
                leading(b),
                (float) beta,
                pointer(c),
                leading(c));
    }

    /** Leading dimension of the row-major storage: the row stride of a C-order matrix, the column stride of an F-order one. */
    private static int leading(INDArray x) {
        return (int) (x.ordering() == 'c' ? x.stride(0) : x.stride(1));
    }

    /** The address of x's first element: a view's buffer already starts at the buffer's own offset. */
    private static FloatPointer pointer(INDArray x) {
        return new FloatPointer(x.data().addressPointer())
                .position(x.offset() - x.data().offset());
    }

    /** A float matrix on the CPU whose rows (C order) or columns (F order) are contiguous. */
    private static boolean direct(INDArray x) {
        return Backend.cpu()
                && x.dataType() == DataType.FLOAT
                && x.rank() == 2
                && (x.ordering() == 'c' ? x.stride(1) == 1 : x.stride(0) == 1);
    }
}
