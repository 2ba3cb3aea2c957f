package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.PerLayerFeedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.CnnSpec;
import ai.dfalab.models.ConvNetworks;
import ai.dfalab.probe.Alignment;
import ai.dfalab.probe.AlignmentProbe;
import ai.dfalab.probe.PointAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DFA and BP on a small CNN of the Table 4 shape (16x16 inputs, 3-4-5 channels: points of 147, 36, 5 and 8), in double
 * precision, against references that do not use the toolkit's backward pass: finite differences of eq. 3's objective
 * per block, DL4J's own {@code computeGradientAndScore}, and eq. 6 from finite-difference BP gradients.
 */
class ConvDfaTest {
    private static final CnnSpec SMALL = CnnSpec.table4()
            .withInput(3, 16)
            .withConvs(List.of(3, 4, 5))
            .withHidden(8)
            .withSeed(2);
    private static final int BATCH = 6;
    /** Parameters checked by finite differences per layer (DL4J's forward pass costs milliseconds each). */
    private static final int PER_LAYER = 24;

    private static final INDArray X = inputs();
    private static final INDArray Y = labels();
    private static final LayerWorkspaceMgr WS = LayerWorkspaceMgr.noWorkspaces();

    private static INDArray inputs() {
        Nd4j.getRandom().setSeed(21);
        return Nd4j.randn(DataType.DOUBLE, BATCH, 3 * 16 * 16);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, 10);
        for (int n = 0; n < BATCH; n++) {
            y.putScalar(n, (3 * n + 1) % 10, 1);
        }
        return y;
    }

    /** The unified feedback of {@code net}, in double precision. */
    private static Feedback feedback(BlockNetwork net) {
        Feedback f = FeedbackKind.UNIFIED.create(net.pointSizes(), 10, 3);
        List<INDArray> matrices = new ArrayList<>();
        for (int i = 0; i < net.points(); i++) {
            matrices.add(f.matrix(i).castTo(DataType.DOUBLE));
        }
        return new PerLayerFeedback(matrices);
    }

    @Test
    void pointsOfTheSmallNetAreItsPooledConvOutputsAndTheHiddenLayer() {
        assertEquals(
                List.of(147, 36, 5, 8),
                java.util.Arrays.stream(
                                ConvNetworks.build(SMALL, DataType.DOUBLE).pointSizes())
                        .boxed()
                        .toList());
    }

    /**
     * Eq. 3 for any block: block {@code i}'s DFA gradient is the gradient of {@code alpha sum_n <h_i(x_n), B_i e_n>}
     * over its own parameters, with {@code e} held fixed; the last block's is the true gradient of the summed loss.
     * With {@code headByBp} the last block holds the hidden dense layer, which then gets BP's gradient.
     */
    @ParameterizedTest(name = "headByBp={0}")
    @ValueSource(booleans = {false, true})
    void everyBlocksDfaGradientIsEquation3(boolean headByBp) {
        BlockNetwork net = ConvNetworks.build(SMALL.withHeadByBp(headByBp), DataType.DOUBLE);
        MultiLayerNetwork m = net.net();
        Feedback feedback = feedback(net);
        Learner.gradients(net, new DirectFeedbackAlignment(feedback, SignalScale.SUM), X, Y);
        INDArray dfa = m.getGradientsViewArray().dup();
        INDArray e = m.output(X, false).sub(Y);
        long[] offsets = paramOffsets(m);
        for (int block = 0; block <= net.points(); block++) {
            ToDoubleFunction<MultiLayerNetwork> objective;
            if (block < net.points()) {
                int point = block;
                INDArray t = e.mmul(feedback.matrix(point).transpose()).muli(BATCH); // SUM: alpha = batch
                objective = n -> pointActivation(n, net.pointLayer(point))
                        .mul(t)
                        .sumNumber()
                        .doubleValue();
            } else {
                objective = ConvDfaTest::summedLoss;
            }
            int checked = 0;
            for (int layer = net.blockStart(block); layer <= net.blockEnd(block); layer++) {
                long stride = Math.max(
                        1, (offsets[layer + 1] - offsets[layer]) / PER_LAYER); // a spread of each layer's parameters
                for (long k = offsets[layer]; k < offsets[layer + 1]; k += stride) {
                    double numeric = derivative(m, k, objective);
                    assertEquals(
                            numeric,
                            dfa.getDouble(k),
                            1e-6 + 1e-5 * Math.abs(numeric),
                            "block " + block + " layer " + layer + " parameter " + k);
                    checked++;
                }
            }
            assertTrue(checked > 0, "block " + block + " has parameters");
        }
        assertTrue(dfa.amaxNumber().doubleValue() > 1e-3, "gradients are not trivially zero");
    }

    @ParameterizedTest(name = "batchNorm={0}")
    @ValueSource(booleans = {false, true})
    void backpropThroughTheBlocksEqualsDl4jsOwnGradient(boolean batchNorm) {
        BlockNetwork net = ConvNetworks.build(SMALL.withBatchNorm(batchNorm), DataType.DOUBLE);
        Learner.gradients(net, new Backprop(), X, Y);
        INDArray ours = net.net().getGradientsViewArray().dup();
        MultiLayerNetwork m = net.net();
        m.setInput(X);
        m.setLabels(Y);
        m.computeGradientAndScore();
        INDArray theirs = m.gradient().gradient().reshape(ours.shape());
        assertEquals(
                0,
                ours.sub(theirs).amaxNumber().doubleValue(),
                1e-10 * ours.amaxNumber().doubleValue());
        assertTrue(ours.amaxNumber().doubleValue() > 1e-3);
    }

    /** Eq. 6 at every point: the probe's per-sample cosines equal those of {@code B_i e} with finite-difference BP gradients. */
    @Test
    void probeCosinesEqualEquation6WithFiniteDifferenceGradients() {
        BlockNetwork net = ConvNetworks.build(SMALL, DataType.DOUBLE);
        Feedback feedback = feedback(net);
        Alignment alignment = AlignmentProbe.measure(net, feedback, X, Y);
        INDArray e = net.net().output(X, false).sub(Y);
        for (int point = 0; point < net.points(); point++) {
            INDArray h = pointActivation(net.net(), net.pointLayer(point));
            INDArray c = Nd4j.zeros(DataType.DOUBLE, h.shape());
            double step = 1e-6;
            for (int j = 0; j < h.size(1); j++) { // every sample's loss depends on its own row only
                INDArray up = h.dup();
                up.getColumn(j).addi(step);
                INDArray down = h.dup();
                down.getColumn(j).subi(step);
                c.getColumn(j)
                        .assign(tailLosses(net, point, up)
                                .sub(tailLosses(net, point, down))
                                .divi(2 * step));
            }
            double[] expected =
                    AlignmentProbe.rowCosines(e.mmul(feedback.matrix(point).transpose()), c);
            double[] measured = alignment.points().get(point).perSample();
            for (int n = 0; n < BATCH; n++) {
                assertEquals(expected[n], measured[n], 1e-6, "point " + point + " sample " + n);
            }
        }
    }

    /** With the output layer's own weights as the last feedback, the classifier point gets the BP gradient: cos = 1. */
    @Test
    void alignmentIsOneAtTheClassifierWhenItsFeedbackIsTheOutputWeights() {
        BlockNetwork net = ConvNetworks.build(SMALL, DataType.DOUBLE);
        Feedback random = feedback(net);
        List<INDArray> matrices = new ArrayList<>();
        for (int i = 0; i < net.points() - 1; i++) {
            matrices.add(random.matrix(i));
        }
        matrices.add(net.net().getLayer(net.net().getnLayers() - 1).getParam("W")); // DL4J's nIn x nOut = (W_N)^T
        Alignment a = AlignmentProbe.measure(net, new PerLayerFeedback(matrices), X, Y);
        PointAlignment last = a.points().get(net.points() - 1);
        for (double c : last.perSample()) {
            assertEquals(1.0, c, 1e-12);
        }
        assertTrue(Math.abs(a.points().get(0).mean()) < 0.9, "a random conv feedback is not aligned");
    }

    /** Offsets of each layer's parameters in the flat parameter (and gradient) view, plus the total at the end. */
    private static long[] paramOffsets(MultiLayerNetwork m) {
        long[] offsets = new long[m.getnLayers() + 1];
        for (int l = 0; l < m.getnLayers(); l++) {
            offsets[l + 1] = offsets[l] + m.getLayer(l).numParams();
        }
        return offsets;
    }

    private static double derivative(MultiLayerNetwork m, long k, ToDoubleFunction<MultiLayerNetwork> f) {
        INDArray params = m.params();
        double original = params.getDouble(k);
        double h = 1e-6;
        params.putScalar(k, original + h);
        double up = f.applyAsDouble(m);
        params.putScalar(k, original - h);
        double down = f.applyAsDouble(m);
        params.putScalar(k, original);
        return (up - down) / (2 * h);
    }

    /** Output of DL4J layer {@code layer} for {@code X}, one flattened row (C order) per sample. */
    private static INDArray pointActivation(MultiLayerNetwork m, int layer) {
        INDArray a = m.feedForwardToLayer(layer, X, false).get(layer + 1);
        return a.reshape('c', a.size(0), -1);
    }

    private static double summedLoss(MultiLayerNetwork m) {
        return losses(m.output(X, false)).sumNumber().doubleValue();
    }

    /** Per-sample cross-entropy of the network's layers after {@code point}, fed {@code h} (flat rows) at the point. */
    private static INDArray tailLosses(BlockNetwork net, int point, INDArray h) {
        MultiLayerNetwork m = net.net();
        long[] shape = net.pointShape(point);
        long[] full = new long[shape.length + 1];
        full[0] = h.size(0);
        System.arraycopy(shape, 0, full, 1, shape.length);
        INDArray a = h.reshape('c', full);
        for (int layer = net.pointLayer(point) + 1; layer < m.getnLayers(); layer++) {
            InputPreProcessor pre = m.getLayerWiseConfigurations().getInputPreProcess(layer);
            INDArray in = pre == null ? a : pre.preProcess(a, (int) a.size(0), WS);
            a = m.getLayer(layer).activate(in, false, WS);
        }
        return losses(a);
    }

    private static INDArray losses(INDArray p) {
        INDArray l = Nd4j.zeros(DataType.DOUBLE, p.size(0));
        for (int n = 0; n < p.size(0); n++) {
            l.putScalar(n, -Math.log(p.mul(Y).getRow(n).sumNumber().doubleValue()));
        }
        return l;
    }
}
