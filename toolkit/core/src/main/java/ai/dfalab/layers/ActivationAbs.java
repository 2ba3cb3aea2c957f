package ai.dfalab.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code f(x) = |x|}, {@code f'(x) = sign(x)}: the activation with which the paper's DFA aligns well (Table 2). */
public final class ActivationAbs extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.abs(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(Transforms.sign(in, false).muli(epsilon), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationAbs;
    }

    @Override
    public int hashCode() {
        return ActivationAbs.class.hashCode();
    }

    @Override
    public String toString() {
        return "abs";
    }
}
