package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The loss is log-softmax cross-entropy from the logits: finite where a float softmax underflows to 0. */
class CrossEntropyTest {

    @Test
    void confidentMistakesGiveTheirExactLossWhereAFloatSoftmaxUnderflows() {
        // class 0 is 250 below the maximum: its float softmax probability is exactly 0, log(0) = -infinity
        INDArray logits = Nd4j.create(new float[][] {{0f, 250f, -40f}, {3f, 1f, 2f}});
        INDArray labels = Nd4j.create(new float[][] {{1f, 0f, 0f}, {0f, 0f, 1f}});
        INDArray p = Transforms.softmax(logits, true);
        assertEquals(0f, p.getFloat(0, 0), "the float softmax underflows (the old loss was infinite)");

        double second = Math.log(Math.exp(1) + Math.exp(-1) + 1); // logsumexp(3,1,2) - 2
        assertEquals(
                250 + Math.log1p(Math.exp(-250) + Math.exp(-290)),
                CrossEntropy.sum(logits.getRow(0, true), labels.getRow(0, true)),
                1e-9);
        assertEquals(250.0 + second, CrossEntropy.sum(logits, labels), 1e-5);
    }

    @Test
    void lossIsNotANumberOnlyWhenALogitIsNot() {
        INDArray labels = Nd4j.create(new float[][] {{0f, 1f}});
        assertTrue(Double.isNaN(CrossEntropy.sum(Nd4j.create(new float[][] {{Float.NaN, 1f}}), labels)));
        assertTrue(Double.isNaN(CrossEntropy.sum(Nd4j.create(new float[][] {{Float.POSITIVE_INFINITY, 1f}}), labels)));
        assertTrue(Double.isFinite(CrossEntropy.sum(Nd4j.create(new float[][] {{-3e38f, 3e38f}}), labels)));
    }

    /** The logits a step reports are the ones its softmax came from, on both training paths (dropout included). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void learnersReportTheLogitsOfTheirStep(boolean engine) {
        FcSpec spec = FcSpec.fc3x800Cifar10()
                .withInputs(20)
                .withHidden(List.of(16, 12))
                .withDropout(0.2, 0)
                .withLearningRate(0.05);
        BlockNetwork net = FcNetworks.build(spec);
        var rule = Rule.DFA.create(net, FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 0), SignalScale.SUM, 0);
        BiFunction<BlockNetwork, ai.dfalab.train.TrainingRule, Learner> make =
                engine ? Learner::new : Learner::throughLayers;
        Learner learner = make.apply(net, rule);
        assertEquals(engine, learner.onEngine());
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 20).muli(30); // large inputs: saturated, confident outputs
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int n = 0; n < 8; n++) {
            y.putScalar(n, n % 10, 1);
        }
        for (int s = 0; s < 3; s++) {
            INDArray p = learner.step(x, y).dup();
            INDArray z = learner.logits();
            assertEquals(0, Transforms.softmax(z, true).sub(p).amaxNumber().doubleValue(), 1e-6);
        }
    }
}
