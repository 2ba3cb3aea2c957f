package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dense fast path takes exactly the step DL4J's layers take, for both kernel sets. */
class FastPathTest {
    private static final FcSpec SPEC = FcSpec.fc3x800Cifar10()
            .withInputs(50)
            .withHidden(new int[] {40, 30, 20})
            .withLearningRate(0.05);

    @ParameterizedTest(name = "{0} {1} {2} bottleneck={3}")
    @CsvSource({
        "dfa,SUM,tanh,false",
        "dfa,MEAN,tanh,false",
        "bp,SUM,tanh,false",
        "dfa,SUM,relu,false",
        "dfa,SUM,lrelu:-0.5,false",
        "dfa,SUM,abs,false",
        "bp,SUM,lrelu:0.01,false",
        "dfa,SUM,tanh,true",
        "bp,SUM,tanh,true"
    })
    void fastPathEqualsTheLayerPath(String ruleName, SignalScale scale, String activation, boolean bottleneck) {
        FcSpec spec = SPEC.withActivation(activation).withInit(ai.dfalab.layers.Init.PYTORCH);
        if (bottleneck) {
            spec = spec.withBottleneck(1, 13);
        }
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 50);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int n = 0; n < 16; n++) {
            y.putScalar(n, n % 10, 1);
        }
        INDArray reference = train(spec, ruleName, scale, x, y, Learner::throughLayers);
        INDArray fast = train(spec, ruleName, scale, x, y, Learner::new);
        INDArray portable = train(spec, ruleName, scale, x, y, Learner::portableFastPath);
        INDArray initial = FcNetworks.build(spec).net().params();
        assertTrue(reference.sub(initial).amaxNumber().doubleValue() > 1e-3, "the steps changed the weights");
        assertEquals(0, fast.sub(reference).amaxNumber().doubleValue(), 2e-5, "vector kernels vs layers");
        assertEquals(0, portable.sub(reference).amaxNumber().doubleValue(), 2e-5, "ND4J kernels vs layers");
    }

    @ParameterizedTest
    @CsvSource({"true,0", "false,0.1"})
    void networksOutsideTheFastPathUseTheLayers(boolean batchNorm, double dropout) {
        BlockNetwork net = FcNetworks.build(SPEC.withBatchNorm(batchNorm).withDropout(dropout, 0));
        assertFalse(new Learner(net, new Backprop()).fastPath());
        assertTrue(new Learner(FcNetworks.build(SPEC), new Backprop()).fastPath());
    }

    private static INDArray train(
            FcSpec spec,
            String ruleName,
            SignalScale scale,
            INDArray x,
            INDArray y,
            BiFunction<BlockNetwork, TrainingRule, Learner> learnerOf) {
        BlockNetwork net = FcNetworks.build(spec);
        TrainingRule rule = ruleName.equals("bp")
                ? new Backprop()
                : new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 5), scale);
        Learner learner = learnerOf.apply(net, rule);
        for (int i = 0; i < 3; i++) {
            learner.step(x, y);
        }
        return net.net().params().dup();
    }
}
