package ai.dfalab.train.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The element-wise work of a dense step, on C-order {@code batch x n} arrays; bias vectors have length n. */
interface Kernels {

    /** {@code a += bias} on every row, then {@code h = f(a)} ({@code a} keeps the pre-activation). */
    void activate(INDArray a, INDArray bias, Pointwise f, INDArray h);

    /** {@code g *= f'(a)} in place (tanh reads {@code 1 - h^2}); {@code columnSums} receives the column sums of the result. */
    void derivative(INDArray g, INDArray a, INDArray h, Pointwise f, INDArray columnSums);

    /** The kernels for this JVM and backend: Java's Vector API on the CPU backend when present, ND4J ops otherwise. */
    static Kernels best() {
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean cpu = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
        return vectorApi && cpu ? new VectorKernels() : new Nd4jKernels();
    }
}
