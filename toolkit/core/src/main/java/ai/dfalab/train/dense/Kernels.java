package ai.dfalab.train.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The element-wise work of a dense step, on C-order {@code batch x n} arrays; bias vectors have length n. */
interface Kernels {

    /** {@code a += bias} on every row, then {@code h = f(a)} ({@code a} keeps the pre-activation). */
    void activate(INDArray a, INDArray bias, Pointwise f, INDArray h);

    /**
     * {@code delta = signal * f'(a)} (tanh reads {@code 1 - h^2}); {@code delta} may be {@code signal};
     * {@code columnSums} receives the column sums of {@code delta}.
     */
    void derivative(INDArray signal, INDArray a, INDArray h, Pointwise f, INDArray delta, INDArray columnSums);

    /**
     * The output layer: {@code logits += bias}, {@code p = softmax(logits)}, {@code e = p - labels},
     * {@code delta = scale * e} and the column sums of {@code delta}.
     */
    void outputError(
            INDArray logits,
            INDArray bias,
            INDArray labels,
            INDArray p,
            INDArray e,
            INDArray delta,
            INDArray columnSums,
            double scale);

    /** {@code bias -= lr * columnSums}. */
    void biasStep(INDArray bias, INDArray columnSums, double lr);

    /** The kernels for this JVM and backend: Java's Vector API on the CPU backend when present, ND4J ops otherwise. */
    static Kernels best() {
        boolean vectorApi =
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vectorApi && ai.dfalab.backend.Backend.cpu() ? new VectorKernels() : new Nd4jKernels();
    }
}
