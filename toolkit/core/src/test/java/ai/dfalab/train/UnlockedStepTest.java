package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DFA's backward unlocking: the concurrent step is the sequential step; and DFA learns with every feedback kind. */
class UnlockedStepTest {
    private static final FcSpec SPEC = FcSpec.fc3x800Cifar10()
            .withInputs(50)
            .withHidden(List.of(40, 40, 30))
            .withLearningRate(0.05);

    @ParameterizedTest(name = "{0} bottleneck={1} threads={2}")
    @CsvSource({
        "unified,false,2",
        "unified,true,2",
        "seeded,false,3",
        "structured,false,2",
        "per-layer,false,1",
        "unified,false,4"
    })
    void concurrentBlocksGiveTheSequentialUpdate(String kind, boolean bottleneck, int threads) {
        FcSpec spec = bottleneck ? SPEC.withBottleneck(1, 13) : SPEC;
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 50);
        INDArray y = oneHot(16);
        INDArray sequential = train(spec, kind, x, y, 0);
        INDArray concurrent = train(spec, kind, x, y, threads);
        INDArray initial = FcNetworks.build(spec).net().params();
        assertTrue(sequential.sub(initial).amaxNumber().doubleValue() > 1e-3, "the steps changed the weights");
        assertEquals(0, concurrent.sub(sequential).amaxNumber().doubleValue(), 1e-6);
    }

    /** Conv networks too: their blocks' backward passes run at once on the engine and give the sequential update. */
    @ParameterizedTest(name = "batch norm={0}")
    @CsvSource({"false", "true"})
    void concurrentConvBlocksGiveTheSequentialUpdate(boolean batchNorm) {
        ai.dfalab.models.CnnSpec spec = ai.dfalab.models.CnnSpec.table4()
                .withInput(3, 16)
                .withConvs(List.of(3, 4, 5))
                .withHidden(8)
                .withBatchNorm(batchNorm)
                .withUpdater(new org.nd4j.linalg.learning.config.Sgd(0.05))
                .withSeed(2);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3 * 16 * 16);
        INDArray y = oneHot(8);
        INDArray[] params = new INDArray[2];
        for (int threads = 0; threads < 2; threads++) {
            BlockNetwork net = ai.dfalab.models.ConvNetworks.build(spec);
            Learner learner = Learner.concurrentBlocks(
                    net,
                    new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 4), SignalScale.SUM),
                    3 * threads);
            assertTrue(learner.onEngine());
            assertEquals(threads > 0, learner.path().contains("block threads"), learner.path());
            for (int step = 0; step < 3; step++) {
                learner.step(x, y);
            }
            params[threads] = net.net().params().dup();
        }
        INDArray initial = ai.dfalab.models.ConvNetworks.build(spec).net().params();
        assertTrue(params[0].sub(initial).amaxNumber().doubleValue() > 1e-4, "the steps changed the weights");
        assertEquals(0, params[1].sub(params[0]).amaxNumber().doubleValue(), 1e-6);
    }

    /** A separable synthetic task (class = the largest of 10 input directions): DFA drives training loss down with each kind. */
    @ParameterizedTest
    @EnumSource(FeedbackKind.class)
    void dfaLearnsWithEveryFeedbackKind(FeedbackKind kind) {
        FcSpec spec = SPEC.withInputs(20).withHidden(List.of(64, 64, 64)).withLearningRate(0.01);
        BlockNetwork net = FcNetworks.build(spec);
        Learner learner =
                new Learner(net, new DirectFeedbackAlignment(kind.create(net.pointSizes(), 10, 1), SignalScale.SUM));
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 256, 20);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 256, 10);
        INDArray arg = x.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10))
                .argMax(1);
        for (int n = 0; n < 256; n++) {
            y.putScalar(n, arg.getInt(n), 1);
        }
        double before = accuracy(learner.step(x, y), y);
        INDArray out = null;
        for (int i = 0; i < 300; i++) {
            out = learner.step(x, y);
        }
        double after = accuracy(out, y);
        assertTrue(after > 0.6 && after > before + 0.3, kind + ": accuracy " + before + " -> " + after);
    }

    private static double accuracy(INDArray probabilities, INDArray y) {
        return probabilities
                .argMax(1)
                .eq(y.argMax(1))
                .castTo(DataType.FLOAT)
                .meanNumber()
                .doubleValue();
    }

    private static INDArray oneHot(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1);
        }
        return y;
    }

    private static INDArray train(FcSpec spec, String kind, INDArray x, INDArray y, int threads) {
        BlockNetwork net = FcNetworks.build(spec);
        TrainingRule rule =
                new DirectFeedbackAlignment(FeedbackKind.parse(kind).create(net.pointSizes(), 10, 5), SignalScale.SUM);
        Learner learner = threads == 0 ? new Learner(net, rule) : Learner.concurrentBlocks(net, rule, threads);
        assertTrue(learner.onEngine());
        for (int i = 0; i < 3; i++) {
            learner.step(x, y);
        }
        return net.net().params().dup();
    }
}
