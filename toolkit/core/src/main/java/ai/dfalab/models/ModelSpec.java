package ai.dfalab.models;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.Init;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * The network of a run, apart from its data and training: architecture, activation, batch norm, dropout, init, figure
 * 4's bottleneck, and whether the last hidden block learns by BP. Immutable; {@code withX(value)} returns a copy.
 *
 * @param inputDropout  drop rate on the input (spatial on the CNN's input channels)
 * @param hiddenDropout drop rate after each hidden linear layer (the CNN: after its 128-unit layer)
 * @param bottleneckK   figure 4: trainable units of the FC network's second hidden layer (-1: no bottleneck)
 * @param headByBp      the last hidden block has no feedback point and learns by BP through the output layer, as the
 *                      authors' CNN code trains its 128 -> 10 classifier
 */
@RecordBuilder
public record ModelSpec(
        Architecture architecture,
        String activation,
        boolean batchNorm,
        double inputDropout,
        double hiddenDropout,
        Init init,
        int bottleneckK,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean headByBp)
        implements ModelSpecBuilder.With {
    /** Units of the FC network's hidden layers (the bottleneck's layer among them). */
    public static final int FC_WIDTH = 800;

    public ModelSpec {
        activation = Activations.canonical(activation);
        if (!(inputDropout >= 0 && inputDropout < 1)) {
            throw new IllegalArgumentException("inputDropout must be a drop rate in [0, 1), got " + inputDropout);
        }
        if (!(hiddenDropout >= 0 && hiddenDropout < 1)) {
            throw new IllegalArgumentException("hiddenDropout must be a drop rate in [0, 1), got " + hiddenDropout);
        }
        if (bottleneckK >= 0 && architecture != Architecture.FC3X800) {
            throw new IllegalArgumentException("bottleneckK=" + bottleneckK + " applies to fc3x800 only (figure 4); "
                    + architecture + " has no bottleneck (use -1)");
        }
        if (bottleneckK < -1 || bottleneckK > FC_WIDTH) {
            throw new IllegalArgumentException("bottleneckK=" + bottleneckK + " must be -1 (none) or 0.." + FC_WIDTH);
        }
    }

    /** {@code architecture} as the paper trains it: tanh, He init, no batch norm, dropout or bottleneck. */
    public static ModelSpec of(Architecture architecture) {
        return new ModelSpec(architecture, "tanh", false, 0, 0, Init.HE, -1, false);
    }

    /** The paper's Table 2 network, FC 3x800. */
    public static ModelSpec fc3x800() {
        return of(Architecture.FC3X800);
    }

    /** Drop rates on the input and after each hidden linear layer. */
    public ModelSpec withDropout(double input, double hidden) {
        return withInputDropout(input).withHiddenDropout(hidden);
    }

    /** A short readable name, e.g. {@code fc3x800 tanh bn do(0.1,0.5) k=8 head-bp}. */
    public String label() {
        return architecture + " " + activation + (batchNorm ? " bn" : "")
                + (inputDropout > 0 || hiddenDropout > 0 ? " do(" + inputDropout + "," + hiddenDropout + ")" : "")
                + (init == Init.HE ? "" : " init=" + init.id())
                + (bottleneckK >= 0 ? " k=" + bottleneckK : "")
                + (headByBp ? " head-bp" : "");
    }
}
