package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.PerLayerFeedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.layers.Init;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.CnnSpec;
import ai.dfalab.models.ConvNetworks;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.Tiny224;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The engine takes the steps DL4J's own layers take (the reference), to float rounding: its outputs at every step and
 * the parameters after several, for every network of the paper in small, every layer kind, rule and updater.
 */
class EngineTest {
    private static final FcSpec FC = FcSpec.fc3x800Cifar10()
            .withInputs(50)
            .withHidden(List.of(40, 30, 20))
            .withInit(Init.PYTORCH)
            .withLearningRate(0.05);
    /** Table 4's CNN in small: 16x16 inputs, 3-4-5 channels, 8 hidden units. */
    static final CnnSpec CNN = CnnSpec.table4()
            .withInput(3, 16)
            .withConvs(List.of(3, 4, 5))
            .withHidden(8)
            .withUpdater(new Sgd(0.05))
            .withSeed(2);

    private static final int STEPS = 3;

    @ParameterizedTest(name = "{0} {1} {2} bottleneck={3}")
    @CsvSource({
        "dfa,SUM,tanh,false",
        "dfa,MEAN,tanh,false",
        "bp,SUM,tanh,false",
        "fa,SUM,tanh,false",
        "dfa,SUM,relu,false",
        "dfa,SUM,lrelu:-0.5,false",
        "dfa,SUM,abs,false",
        "bp,SUM,lrelu:0.01,false",
        "bp,SUM,abs,false",
        "dfa,SUM,tanh,true",
        "bp,SUM,tanh,true"
    })
    void fcEveryActivationAndRule(String rule, SignalScale scale, String activation, boolean bottleneck) {
        FcSpec spec = FC.withActivation(activation);
        FcSpec net = bottleneck ? spec.withBottleneck(1, 13) : spec;
        assertSameSteps(() -> FcNetworks.build(net), rule, scale, inputs(16, 50), 2e-6);
    }

    /** Table 2's batch-norm and dropout rows (dropout on the input and after every hidden layer, as the paper's). */
    @ParameterizedTest(name = "{0} batchNorm={1} dropout={2}")
    @CsvSource({"dfa,true,0", "bp,true,0", "dfa,false,0.5", "bp,false,0.1", "dfa,true,0.3"})
    void fcWithBatchNormOrDropout(String rule, boolean batchNorm, double dropout) {
        FcSpec spec = FC.withBatchNorm(batchNorm).withDropout(dropout > 0 ? 0.1 : 0, dropout);
        assertSameSteps(() -> FcNetworks.build(spec), rule, SignalScale.SUM, inputs(16, 50), 1e-5);
    }

    /** Table 4's CNN in small (16x16 inputs, 3-4-5 channels): plain, batch norm, spatial and element-wise dropout. */
    @ParameterizedTest(name = "{0} batchNorm={1} dropout={2} headByBp={3}")
    @CsvSource({
        "dfa,false,false,false",
        "bp,false,false,false",
        "dfa,true,false,false",
        "bp,true,false,false",
        "dfa,false,true,false",
        "bp,false,true,false",
        "dfa,false,false,true"
    })
    void tableFourCnn(String rule, boolean batchNorm, boolean dropout, boolean headByBp) {
        CnnSpec spec = CNN.withBatchNorm(batchNorm)
                .withDropout(dropout ? 0.1 : 0, dropout ? 0.2 : 0, dropout ? 0.3 : 0)
                .withHeadByBp(headByBp);
        assertAsCloseAsTheLayers(spec, rule, inputs(8, 3 * 16 * 16), 1e-5);
    }

    /**
     * Inference on the engine (a test set's evaluation) of a sample count other than the batch's, in chunks: the same
     * outputs and logits as DL4J's layers in inference mode, and no change to the training that goes on after it
     * (batch norm's running statistics, dropout's streams).
     */
    @Test
    void inferenceOfAnySampleCountIsTheLayersAndLeavesTrainingAlone() {
        CnnSpec spec = CNN.withBatchNorm(true).withDropout(0.1, 0.2, 0.3);
        INDArray[] batch = inputs(8, 3 * 16 * 16);
        INDArray test = inputs(20, 3 * 16 * 16)[0];
        BlockNetwork evaluated = ConvNetworks.build(spec);
        BlockNetwork plain = ConvNetworks.build(spec);
        Learner withTests = new Learner(evaluated, rule("dfa", SignalScale.SUM, evaluated));
        Learner without = new Learner(plain, rule("dfa", SignalScale.SUM, plain));
        for (int step = 0; step < STEPS; step++) {
            withTests.step(batch[0], batch[1]);
            without.step(batch[0], batch[1]);
            INDArray output = withTests.output(test).dup();
            INDArray logits = withTests.outputLogits().dup();
            assertArrayEquals(new long[] {20, 10}, output.shape());
            INDArray reference = evaluated.forward(test, false);
            assertEquals(0, output.sub(reference).amaxNumber().doubleValue(), 1e-5, "output after step " + step);
            assertEquals(0, logits.sub(evaluated.outputLogits()).amaxNumber().doubleValue(), 1e-4, "logits");
        }
        assertEquals(plain.net().params(), evaluated.net().params(), "the same training with and without inference");
    }

    /** VGG-16 at a sixteenth of its width on 32x32 inputs: 13 ReLU convolutions, 5 poolings, 3 dense layers. */
    @ParameterizedTest
    @CsvSource({"dfa", "bp"})
    void narrowVgg16(String rule) {
        VggSpec spec = VggSpec.small(10).withWidthDivisor(16).withFcHidden(new int[] {24, 24});
        assertSameSteps(() -> Vgg16.build(spec), rule, SignalScale.SUM, inputs(4, 3 * 32 * 32), 2e-5);
    }

    /** A strided convolution (8x8, stride 8) with 2x2 pooling on 224x224 inputs. */
    @Test
    void stridedConvolution() {
        assertSameSteps(
                () -> Tiny224.build(1, Init.HE, new Sgd(0.05), 10),
                "dfa",
                SignalScale.SUM,
                inputs(2, 3 * 224 * 224),
                2e-5);
    }

    /**
     * Under DL4J's other updaters the engine leaves the gradients to DL4J's updater: same steps, same updater state.
     * (AdaGrad's first step is about lr sign(g), so a gradient near zero rounded to the other sign moves its weight by
     * 2 lr: its rate is kept small enough for that to stay within the tolerance.)
     */
    @ParameterizedTest
    @CsvSource({"nesterovs,0.05", "adam,0.01", "rmsprop,0.01", "adagrad,0.01"})
    void everyUpdater(String updater, double lr) {
        FcSpec spec = FC.withUpdater(Updater.parse(updater).create(lr));
        BlockNetwork[] nets =
                assertSameSteps(() -> FcNetworks.build(spec), "dfa", SignalScale.SUM, inputs(16, 50), 2e-5);
        INDArray state = nets[0].net().getUpdater().getStateViewArray();
        assertTrue(state.amaxNumber().doubleValue() > 0, "the updater has state");
        assertEquals(
                0,
                state.sub(nets[1].net().getUpdater().getStateViewArray())
                        .amaxNumber()
                        .doubleValue(),
                2e-5);
        // an adaptive updater's step is about lr whatever the gradient's size, so a gradient near zero rounded
        // otherwise moves its weight by a fraction of lr: 1 % of lr a step is float noise, a wrong gradient is not
        assertAsCloseAsTheLayers(
                CNN.withBatchNorm(true).withUpdater(Updater.parse(updater).create(lr)),
                "bp",
                inputs(8, 3 * 16 * 16),
                Math.max(1e-5, 0.01 * lr * STEPS));
    }

    /** Concurrent blocks (backward unlocking) on the engine: the sequential step, for a CNN with batch norm too. */
    @Test
    void unlockedBlocksTakeTheSequentialStep() {
        CnnSpec spec = CNN.withBatchNorm(true);
        INDArray[] data = inputs(8, 3 * 16 * 16);
        INDArray sequential = train(() -> ConvNetworks.build(spec), "dfa", SignalScale.SUM, data, Learner::new);
        INDArray unlocked = train(
                () -> ConvNetworks.build(spec),
                "dfa",
                SignalScale.SUM,
                data,
                (net, rule) -> Learner.concurrentBlocks(net, rule, 3));
        assertEquals(0, unlocked.sub(sequential).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void doublePrecisionNetworksTrainThroughTheLayersAndSayWhy() {
        Learner learner = new Learner(ConvNetworks.build(CNN, DataType.DOUBLE), new Backprop());
        assertTrue(!learner.onEngine() && learner.path().contains("float"), learner.path());
    }

    /** Batch x features Gaussian inputs and one-hot labels over 10 classes. */
    static INDArray[] inputs(int batch, int features) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, features);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, (3 * n + 1) % 10, 1);
        }
        return new INDArray[] {x, y};
    }

    static TrainingRule rule(String name, SignalScale scale, BlockNetwork net) {
        return switch (name) {
            case "bp" -> new Backprop();
            case "fa" -> new FeedbackAlignment(net, 7);
            default -> new DirectFeedbackAlignment(feedback(net), scale);
        };
    }

    /** The unified feedback of {@code net}, in the network's precision. */
    private static Feedback feedback(BlockNetwork net) {
        Feedback f = FeedbackKind.UNIFIED.create(net.pointSizes(), net.classes(), 5);
        DataType type = net.net().params().dataType();
        if (type == DataType.FLOAT) {
            return f;
        }
        List<INDArray> matrices = new ArrayList<>();
        for (int i = 0; i < net.points(); i++) {
            matrices.add(f.matrix(i).castTo(type));
        }
        return new PerLayerFeedback(matrices);
    }

    /**
     * Trains two networks built alike ({@code build} gives the same weights and dropout streams every time), one on
     * the engine and one through DL4J's layers, and checks their outputs at every step and their parameters after the
     * last; returns both.
     */
    private static BlockNetwork[] assertSameSteps(
            Supplier<BlockNetwork> build, String ruleName, SignalScale scale, INDArray[] data, double tolerance) {
        BlockNetwork onEngine = build.get();
        BlockNetwork throughLayers = build.get();
        INDArray initial = onEngine.net().params().dup();
        TrainingRule rule = rule(ruleName, scale, onEngine);
        Learner engine = new Learner(onEngine, rule);
        Learner layers = Learner.throughLayers(throughLayers, rule);
        assertTrue(engine.onEngine(), engine.path());
        for (int step = 0; step < STEPS; step++) {
            INDArray fromEngine = engine.step(data[0], data[1]).dup();
            INDArray fromLayers = layers.step(data[0], data[1]);
            assertEquals(0, fromEngine.sub(fromLayers).amaxNumber().doubleValue(), tolerance, "output, step " + step);
        }
        INDArray trained = onEngine.net().params();
        assertTrue(trained.sub(initial).amaxNumber().doubleValue() > 1e-3, "the steps changed the weights");
        for (int layer = 0; layer < onEngine.net().getnLayers(); layer++) {
            for (var p : onEngine.net().getLayer(layer).paramTable().entrySet()) {
                INDArray reference = throughLayers.net().getLayer(layer).getParam(p.getKey());
                double scaleOf = Math.max(1, reference.amaxNumber().doubleValue());
                assertEquals(
                        0,
                        p.getValue().sub(reference).amaxNumber().doubleValue(),
                        tolerance * scaleOf,
                        "layer " + layer + " " + p.getKey());
            }
        }
        return new BlockNetwork[] {onEngine, throughLayers};
    }

    /**
     * For CNNs, where batch norm over a few values and adaptive updaters magnify float rounding: the engine's
     * parameters after the steps are as close to the same steps in double precision (through DL4J's layers) as DL4J's
     * own float layers are (within 3x, the two sum in different orders), or within {@code floor} of them (1e-5 under
     * SGD: about a hundred float roundings of weights of order 1, far below what a wrong gradient makes, above 1e-3).
     */
    private static void assertAsCloseAsTheLayers(CnnSpec spec, String rule, INDArray[] data, double floor) {
        BlockNetwork[] nets = assertSameSteps(() -> ConvNetworks.build(spec), rule, SignalScale.SUM, data, 2e-3);
        BlockNetwork exact = ConvNetworks.build(spec, DataType.DOUBLE);
        INDArray[] exactData = {data[0].castTo(DataType.DOUBLE), data[1].castTo(DataType.DOUBLE)};
        INDArray reference = train(() -> exact, rule, SignalScale.SUM, exactData, Learner::throughLayers);
        double engine = nets[0].net()
                .params()
                .castTo(DataType.DOUBLE)
                .sub(reference)
                .amaxNumber()
                .doubleValue();
        double layers = nets[1].net()
                .params()
                .castTo(DataType.DOUBLE)
                .sub(reference)
                .amaxNumber()
                .doubleValue();
        assertTrue(
                engine <= 3 * layers || engine <= floor,
                "engine " + engine + " vs DL4J's float layers " + layers + " from double");
    }

    private static INDArray train(
            Supplier<BlockNetwork> build,
            String ruleName,
            SignalScale scale,
            INDArray[] data,
            BiFunction<BlockNetwork, TrainingRule, Learner> learnerOf) {
        BlockNetwork net = build.get();
        Learner learner = learnerOf.apply(net, rule(ruleName, scale, net));
        for (int step = 0; step < STEPS; step++) {
            learner.step(data[0], data[1]);
        }
        return net.net().params().dup();
    }
}
