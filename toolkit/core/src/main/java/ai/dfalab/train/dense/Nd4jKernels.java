package ai.dfalab.train.dense;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/** Kernels as ND4J ops: portable to every backend (CUDA included). */
final class Nd4jKernels implements Kernels {

    @Override
    public void activate(INDArray a, INDArray bias, Pointwise f, INDArray h) {
        a.addiRowVector(bias);
        if (f.tanh()) {
            Nd4j.getExecutioner().exec(new Tanh(a, h));
        } else {
            Nd4j.getExecutioner().exec(new LeakyReLU(a, h, f.slope()));
        }
    }

    @Override
    public void derivative(INDArray signal, INDArray a, INDArray h, Pointwise f, INDArray delta, INDArray columnSums) {
        if (f.tanh()) {
            // 1 - h^2 from the stored output: ND4J's TanhDerivative would recompute tanh from a
            delta.assign(h.mul(h).rsubi(1).muli(signal));
        } else {
            Nd4j.getExecutioner().exec(new LeakyReLUBp(a, signal, delta, f.slope()));
        }
        delta.sum(columnSums, 0);
    }

    @Override
    public void outputError(
            INDArray logits,
            INDArray bias,
            INDArray labels,
            INDArray p,
            INDArray e,
            INDArray delta,
            INDArray columnSums,
            double scale) {
        logits.addiRowVector(bias);
        Nd4j.getExecutioner().exec(new SoftMax(logits, p, -1));
        e.assign(p).subi(labels);
        delta.assign(e).muli(scale);
        delta.sum(columnSums, 0);
    }

    @Override
    public void biasStep(INDArray bias, INDArray columnSums, double lr) {
        bias.subi(columnSums.reshape(bias.shape()).mul(lr));
    }
}
