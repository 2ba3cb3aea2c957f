package ai.dfalab.train.dense;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
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
    public void derivative(INDArray g, INDArray a, INDArray h, Pointwise f, INDArray columnSums) {
        if (f.tanh()) {
            // TanhDerivative takes tanh's input; 1 - h^2 from the stored output avoids recomputing tanh
            g.muli(h.mul(h).rsubi(1));
        } else {
            Nd4j.getExecutioner().exec(new LeakyReLUBp(a, g, g, f.slope()));
        }
        g.sum(columnSums, 0);
    }
}
