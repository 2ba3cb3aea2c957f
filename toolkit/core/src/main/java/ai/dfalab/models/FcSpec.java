package ai.dfalab.models;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.Init;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A fully-connected classifier as the paper builds it: per hidden block {@code linear -> dropout -> activation ->
 * batch norm} (the authors' order), a feedback point at each block's output, softmax output. Immutable;
 * {@code withX(value)} returns a changed copy.
 *
 * @param bottleneck index of the hidden block whose weights get a fixed gradient mask keeping {@code bottleneckK}
 *                   of its units' gradients and whose input gets no feedback point (figure 4); -1 for none
 */
@RecordBuilder
public record FcSpec(
        int inputs,
        List<Integer> hidden,
        int classes,
        String activation,
        boolean batchNorm,
        double inputDropout,
        double hiddenDropout,
        Init init,
        IUpdater updater,
        long seed,
        int bottleneck,
        int bottleneckK)
        implements FcSpecBuilder.With {

    public FcSpec {
        hidden = List.copyOf(hidden);
        Activations.parse(activation);
        checkRate("inputDropout", inputDropout);
        checkRate("hiddenDropout", hiddenDropout);
        if (bottleneck >= hidden.size()
                || (bottleneck >= 0 && (bottleneckK < 0 || bottleneckK > hidden.get(bottleneck)))) {
            throw new IllegalArgumentException(
                    "bottleneck " + bottleneck + " with k=" + bottleneckK + " does not fit hidden " + hidden);
        }
        if (bottleneck == 0) {
            throw new IllegalArgumentException("the bottleneck block needs a block before it (index >= 1)");
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be a drop rate in [0, 1), got " + rate);
        }
    }

    /** The paper's FC 3072-800-800-800-10 for CIFAR-10: tanh, He init, SGD lr 5e-4, seed 0. */
    public static FcSpec fc3x800Cifar10() {
        return new FcSpec(3072, List.of(800, 800, 800), 10, "tanh", false, 0, 0, Init.HE, new Sgd(5e-4), 0, -1, 0);
    }

    /** The MNIST variant 784-800-800-800-10. */
    public static FcSpec fc3x800Mnist() {
        return fc3x800Cifar10().withInputs(784);
    }

    /** Dropout rates (probability of dropping) on the input and after each hidden linear layer. */
    public FcSpec withDropout(double input, double hiddenRate) {
        return withInputDropout(input).withHiddenDropout(hiddenRate);
    }

    /** Plain SGD (no momentum, decay or schedule) at learning rate {@code lr}, as in the paper. */
    public FcSpec withLearningRate(double lr) {
        return withUpdater(new Sgd(lr));
    }

    /** Figure 4: hidden block {@code block} keeps {@code k} trainable units and gets no feedback point before it. */
    public FcSpec withBottleneck(int block, int k) {
        return FcSpecBuilder.builder(this).bottleneck(block).bottleneckK(k).build(); // checked once, as a pair
    }

    @Override
    public String toString() {
        return "fc " + inputs + "-"
                + hidden.stream().map(String::valueOf).collect(Collectors.joining("-")) + "-" + classes
                + " " + activation + (batchNorm ? " bn" : "")
                + (inputDropout > 0 || hiddenDropout > 0 ? " dropout(" + inputDropout + "," + hiddenDropout + ")" : "")
                + " init=" + init.id()
                + " " + updater + " seed=" + seed
                + (bottleneck >= 0 ? " bottleneck(" + bottleneck + ",k=" + bottleneckK + ")" : "");
    }
}
