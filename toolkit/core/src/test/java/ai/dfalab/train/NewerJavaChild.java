package ai.dfalab.train;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.CnnSpec;
import ai.dfalab.models.ConvNetworks;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A few engine steps of a small Table 4 CNN with batch norm and dropout (convolution, pooling, normalisation, masks:
 * every element-wise kernel), under one rule; run by {@link NewerJavaTest} in the test's Java and in a child JVM of
 * another version, which saves the parameters to the file named by its arguments.
 */
public final class NewerJavaChild {
    private static final CnnSpec CNN = CnnSpec.table4()
            .withInput(3, 16)
            .withConvs(new int[] {3, 4, 5})
            .withHidden(8)
            .withBatchNorm(true)
            .withDropout(0.1, 0.2, 0.3)
            .withUpdater(new Sgd(0.05))
            .withSeed(2);

    private NewerJavaChild() {}

    /** The parameters after 3 steps of {@code rule} ("dfa" or "bp") on the engine. */
    static INDArray train(String rule) {
        BlockNetwork net = ConvNetworks.build(CNN);
        TrainingRule r = rule.equals("bp")
                ? new Backprop()
                : new DirectFeedbackAlignment(
                        FeedbackKind.UNIFIED.create(net.pointSizes(), net.classes(), 5), SignalScale.SUM);
        Learner learner = new Learner(net, r);
        if (!learner.onEngine()) {
            throw new IllegalStateException("not on the engine: " + learner.path());
        }
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3 * 16 * 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int n = 0; n < 8; n++) {
            y.putScalar(n, (3 * n + 1) % 10, 1);
        }
        for (int step = 0; step < 3; step++) {
            learner.step(x, y);
        }
        return net.net().params();
    }

    /** Arguments: the rule, the file for the parameters. */
    public static void main(String[] args) throws IOException {
        Nd4j.saveBinary(train(args[0]), Path.of(args[1]).toFile());
        System.out.println("java " + Runtime.version() + ": saved");
    }
}
