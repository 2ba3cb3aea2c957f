package ai.dfalab.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A {@linkplain Activations#register registered} element-wise activation as a DL4J activation: its configuration
 * holds the canonical name only (so the network's JSON stays plain), the function is looked up when it runs.
 */
public final class ActivationRegistered extends BaseActivationFunction {
    @JsonProperty
    private final String name;

    public ActivationRegistered(@JsonProperty("name") String name) {
        this.name = name;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Activations.Custom custom = Activations.registered(name);
        double[] x = in.dup('c').data().asDouble();
        for (int i = 0; i < x.length; i++) {
            x[i] = custom.f().applyAsDouble(x[i]);
        }
        return in.assign(org.nd4j.linalg.factory.Nd4j.create(x, in.shape(), 'c').castTo(in.dataType()));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Activations.Custom custom = Activations.registered(name);
        double[] x = in.dup('c').data().asDouble();
        double[] e = epsilon.dup('c').data().asDouble();
        for (int i = 0; i < x.length; i++) {
            e[i] *= custom.derivative().applyAsDouble(x[i], custom.f().applyAsDouble(x[i]));
        }
        return new Pair<>(
                org.nd4j.linalg.factory.Nd4j.create(e, in.shape(), 'c').castTo(in.dataType()), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationRegistered r && r.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
