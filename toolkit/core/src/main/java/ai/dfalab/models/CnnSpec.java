package ai.dfalab.models;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.Init;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The paper's Table 4 CNN: per conv block {@code conv 5x5 (pad 2) -> spatial dropout -> activation -> batch norm ->
 * max-pool 3x3 stride 2} (the authors' order), then {@code dense -> dropout -> activation -> batch norm} and a softmax
 * output; a feedback point at each block's output. Immutable; {@code withX(value)} returns a changed copy.
 *
 * @param channels      input channels (3 for CIFAR-10)
 * @param side          input height and width (32)
 * @param convs         output channels of each conv layer ({32, 64, 64})
 * @param hidden        units of the classifier's hidden layer (128)
 * @param inputDropout  spatial drop rate on the input channels (the authors' {@code Dropout2d} before conv 1)
 * @param convDropout   spatial drop rate after each conv layer, before its activation
 * @param hiddenDropout element-wise drop rate after the hidden dense layer, before its activation
 * @param headByBp      the hidden dense block has no feedback point: it learns by BP through the output layer, as in
 *                      the authors' code (a naming slip there drops that point)
 */
@RecordBuilder
public record CnnSpec(
        int channels,
        int side,
        List<Integer> convs,
        int hidden,
        int classes,
        String activation,
        boolean batchNorm,
        double inputDropout,
        double convDropout,
        double hiddenDropout,
        boolean headByBp,
        Init init,
        IUpdater updater,
        long seed)
        implements CnnSpecBuilder.With {
    /** Convolution kernel side and padding (keeps the side), pooling window and stride. */
    public static final int KERNEL = 5;

    public static final int PADDING = 2;
    public static final int POOL = 3;
    public static final int POOL_STRIDE = 2;

    public CnnSpec {
        convs = List.copyOf(convs);
        Activations.parse(activation);
        checkRate("inputDropout", inputDropout);
        checkRate("convDropout", convDropout);
        checkRate("hiddenDropout", hiddenDropout);
        if (channels < 1
                || hidden < 1
                || classes < 2
                || convs.isEmpty()
                || convs.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException(
                    "CNN needs channels >= 1, conv widths >= 1, hidden >= 1 and classes >= 2; got channels=" + channels
                            + " convs=" + convs + " hidden=" + hidden + " classes=" + classes);
        }
        int s = side;
        for (int i = 0; i < convs.size(); i++) {
            s = pooled(s);
        }
        if (s < 1) {
            throw new IllegalArgumentException("input side " + side + " is too small for " + convs.size()
                    + " poolings of " + POOL + "x" + POOL + " stride " + POOL_STRIDE);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be a drop rate in [0, 1), got " + rate);
        }
    }

    /** Side after one max-pooling (no padding): 32 -> 15 -> 7 -> 3. */
    public static int pooled(int side) {
        return side < POOL ? 0 : (side - POOL) / POOL_STRIDE + 1;
    }

    /** The paper's Table 4 network for CIFAR-10: 3->32->64->64 convs, 576 -> 128 -> 10, tanh, He init, SGD lr 5e-4, seed 0. */
    public static CnnSpec table4() {
        return new CnnSpec(
                3, 32, List.of(32, 64, 64), 128, 10, "tanh", false, 0, 0, 0, false, Init.HE, new Sgd(5e-4), 0);
    }

    /** Sizes {@code C x H x W} of the conv blocks' outputs, then of the hidden dense layer unless {@link #headByBp}. */
    public int[] pointSizes() {
        int n = convs.size() + (headByBp ? 0 : 1);
        int[] sizes = new int[n];
        int s = side;
        for (int i = 0; i < convs.size(); i++) {
            s = pooled(s);
            sizes[i] = convs.get(i) * s * s;
        }
        if (!headByBp) {
            sizes[n - 1] = hidden;
        }
        return sizes;
    }

    public CnnSpec withInput(int c, int s) {
        return withChannels(c).withSide(s);
    }

    /** Drop rates: spatial on the input, spatial after each conv layer, element-wise after the hidden dense layer. */
    public CnnSpec withDropout(double input, double conv, double hiddenRate) {
        return withInputDropout(input).withConvDropout(conv).withHiddenDropout(hiddenRate);
    }

    @Override
    public String toString() {
        return "cnn " + channels + "x" + side + "x" + side + " conv"
                + convs.stream().map(String::valueOf).collect(Collectors.joining("-"))
                + " dense" + hidden + "-" + classes + " " + activation + (batchNorm ? " bn" : "")
                + (inputDropout > 0 || convDropout > 0 || hiddenDropout > 0
                        ? " dropout(" + inputDropout + "," + convDropout + "," + hiddenDropout + ")"
                        : "")
                + (headByBp ? " head-bp" : "") + " init=" + init.id() + " "
                + updater + " seed=" + seed;
    }
}
