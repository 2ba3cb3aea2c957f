package ai.dfalab.layers;

import static ai.dfalab.layers.NativeFloats.contiguous;
import static ai.dfalab.layers.NativeFloats.detachedCopy;
import static ai.dfalab.layers.NativeFloats.floats;
import static ai.dfalab.layers.NativeFloats.scratch;

import ai.dfalab.backend.Backend;
import ai.dfalab.backend.Gemm;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer computed as one lowered matrix product per pass ({@link ConvShape}): the input is lowered
 * once per training forward pass and kept for the weight gradient, the activations (identity, tanh, ReLU: their
 * derivative follows from them, computed in the loop that reorders the gradient) or else the pre-activations are kept
 * for the backward pass (DL4J's own layer recomputes the whole forward pass there), and the gradient with respect to
 * the input is computed only when asked. ND4J 1.0.0-M2.1's CPU im2col writes through a permuted view and took half
 * of a Table 4 CNN step here. Float NCHW convolutions without dilation or weight noise on the CPU take this path; anything else
 * (CUDA's cuDNN helper included) is DL4J's own layer, unchanged.
 */
public class LoweredConvolutionLayer extends ConvolutionLayer {
    /** The lowered input of the last pass ({@code K x N}); the backward pass then overwrites it with its gradient. */
    private INDArray col;
    /** {@code C_out x N}: the product before it is reordered to NCHW, then the output gradient reordered for products. */
    private INDArray channelRows;

    private ConvShape colShape;
    /**
     * What the backward pass needs from the last training forward pass: the activations when {@link #derivative} is
     * known, else the pre-activations; and the input they came from. Null when spent.
     */
    private INDArray kept;

    private INDArray keptInput;

    /** Whether this layer takes the lowered path (else it behaves exactly as DL4J's); fixed by its configuration. */
    private final boolean lowered;
    /** The activation's derivative as a function of its output, or null: then DL4J's activation computes it from z. */
    private final OutputDerivative derivative;

    /** Activations whose derivative follows from their output {@code a}: no pre-activation kept, no native op. */
    private enum OutputDerivative {
        IDENTITY,
        TANH,
        RELU;

        static OutputDerivative of(IActivation f) {
            if (f instanceof ActivationIdentity) {
                return IDENTITY;
            }
            if (f instanceof ActivationTanH) {
                return TANH; // 1 - a^2
            }
            if (f instanceof ActivationReLU r
                    && r.getMax() == null
                    && r.getThreshold() == null
                    && r.getNegativeSlope() == null) {
                return RELU; // a > 0
            }
            return null;
        }
    }

    public LoweredConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        this.lowered = Backend.cpu()
                && helper == null
                && dataType == DataType.FLOAT
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && Arrays.stream(c.getDilation()).allMatch(d -> d == 1)
                && c.getWeightNoise() == null;
        this.derivative = OutputDerivative.of(c.getActivationFn());
    }

    /** Whether this layer takes the lowered path (else it behaves exactly as DL4J's). */
    public boolean lowered() {
        return lowered;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!lowered) {
            return super.activate(training, workspaceMgr);
        }
        if (input == null) {
            throw new IllegalArgumentException("Cannot perform forward pass with null input " + layerId());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        validateInputRank();
        INDArray z = preActivation(workspaceMgr);
        keptInput = training ? input : null;
        kept = training && derivative == null ? detachedCopy(z) : null; // before the activation overwrites z
        INDArray a = layerConf().getActivationFn().getActivation(z, training);
        if (training && derivative != null) {
            kept = detachedCopy(a);
        }
        return a;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return lowered ? backprop(epsilon, workspaceMgr, true) : super.backpropGradient(epsilon, workspaceMgr);
    }

    /**
     * The backward pass for the weight and bias gradients only, without the gradient with respect to the input (a
     * DFA block's first layer, or the network's): {@code null} in its place.
     */
    public Pair<Gradient, INDArray> backpropWeights(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return lowered ? backprop(epsilon, workspaceMgr, false) : super.backpropGradient(epsilon, workspaceMgr);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr, boolean inputGradient) {
        assertInputSet(true);
        INDArray forward = keptInput == input && kept != null ? kept : null;
        kept = null;
        keptInput = null;
        if (forward == null) { // no training forward pass of this input: recompute (this also lowers the input again)
            forward = preActivation(workspaceMgr);
            if (derivative != null) {
                forward = layerConf().getActivationFn().getActivation(forward, true);
            }
        }
        INDArray eps = contiguous(epsilon.castTo(dataType)); // [n, C_out, oH, oW]
        ConvShape s = colShape;
        int out = (int) getParam(ConvolutionParamInitializer.WEIGHT_KEY).size(0);
        INDArray deltaT = channelRows;
        double[] biasSums = derivative != null
                ? channelMajor(eps, contiguous(forward), derivative, deltaT, s, out)
                : channelMajor(
                        contiguous(layerConf()
                                .getActivationFn()
                                .backprop(forward, eps)
                                .getFirst()),
                        null,
                        OutputDerivative.IDENTITY,
                        deltaT,
                        s,
                        out);

        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        Gemm.gemm(deltaT, false, col, true, weightGrad.reshape('c', out, s.patch()), 1, 0); // dW = delta col^T
        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            for (int o = 0; o < out; o++) {
                biasGrad.putScalar(o, biasSums[o]);
            }
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        if (!inputGradient) {
            return new Pair<>(gradient, null);
        }
        INDArray colGrad = col; // the lowered input is spent once dW is computed
        Gemm.gemm(weights2d(out, s), true, deltaT, false, colGrad, 1, 0); // d col = W^T delta
        INDArray down = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATION_GRAD, dataType, new long[] {s.batch(), s.channels(), s.height(), s.width()}, 'c');
        s.col2im(floats(colGrad), 0, floats(down), (int) down.offset());
        return new Pair<>(gradient, backpropDropOutIfPresent(down));
    }

    /** {@code z = W col + b} in NCHW (C order), lowering the current input into {@link #col}. */
    private INDArray preActivation(LayerWorkspaceMgr workspaceMgr) {
        INDArray x = contiguous(input.castTo(dataType));
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        int out = (int) w.size(0);
        validateInputDepth(w.size(1));
        ConvShape s = shape(x, w);
        if (!s.equals(colShape)) {
            col = scratch(s.patch(), s.columns());
            channelRows = scratch(out, s.columns());
            colShape = s;
        }
        s.im2col(floats(x), (int) x.offset(), floats(col), 0);
        INDArray zT = channelRows;
        Gemm.gemm(weights2d(out, s), false, col, false, zT, 1, 0);
        INDArray z = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, dataType, new long[] {s.batch(), out, s.outH(), s.outW()}, 'c');
        INDArray bias = layerConf().hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        sampleMajor(zT, bias, z, s, out);
        return z;
    }

    private ConvShape shape(INDArray x, INDArray w) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize();
        int[] stride = c.getStride();
        int[] size = ConvolutionUtils.getOutputSize(
                x,
                kernel,
                stride,
                convolutionMode == ConvolutionMode.Same ? null : c.getPadding(),
                convolutionMode,
                c.getDilation(),
                CNN2DFormat.NCHW);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] pad = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(size, new int[] {h, wd}, kernel, stride, c.getDilation())
                : c.getPadding();
        return new ConvShape(
                (int) x.size(0),
                (int) w.size(1),
                h,
                wd,
                (int) w.size(2),
                (int) w.size(3),
                stride[0],
                stride[1],
                pad[0],
                pad[1],
                size[0],
                size[1]);
    }

    private INDArray weights2d(int out, ConvShape s) {
        return getParam(ConvolutionParamInitializer.WEIGHT_KEY).reshape('c', out, s.patch());
    }

    /** {@code zT} ({@code C_out x (n, p)}) to {@code z} ({@code n x C_out x p}), adding the bias. */
    private static void sampleMajor(INDArray zT, INDArray bias, INDArray z, ConvShape s, int out) {
        FloatBuffer from = floats(zT);
        FloatBuffer to = floats(z);
        int zo = (int) z.offset();
        int p = s.positions();
        for (int o = 0; o < out; o++) {
            float b = bias == null ? 0f : bias.getFloat(o);
            for (int n = 0; n < s.batch(); n++) {
                int src = (o * s.batch() + n) * p;
                int dst = zo + (n * out + o) * p;
                for (int i = 0; i < p; i++) {
                    to.put(dst + i, from.get(src + i) + b);
                }
            }
        }
    }

    /**
     * {@code delta = eps f'} ({@code n x C_out x p}, C order), with {@code f'} from the activations {@code a}, written to
     * {@code deltaT} ({@code C_out x (n, p)}); returns its per-channel sums (the bias gradient).
     */
    private static double[] channelMajor(
            INDArray eps, INDArray a, OutputDerivative derivative, INDArray deltaT, ConvShape s, int out) {
        FloatBuffer from = floats(eps);
        FloatBuffer outputs = a == null ? null : floats(a);
        FloatBuffer to = floats(deltaT);
        int p = s.positions();
        float[] row = new float[p];
        float[] act = new float[p];
        double[] sums = new double[out];
        for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int n = 0; n < s.batch(); n++) {
                int src = (n * out + o) * p;
                from.get((int) eps.offset() + src, row);
                if (derivative != OutputDerivative.IDENTITY) {
                    outputs.get((int) a.offset() + src, act);
                }
                switch (derivative) {
                    case TANH -> {
                        for (int i = 0; i < p; i++) {
                            row[i] *= 1 - act[i] * act[i];
                        }
                    }
                    case RELU -> {
                        for (int i = 0; i < p; i++) {
                            row[i] = act[i] > 0 ? row[i] : 0f;
                        }
                    }
                    case IDENTITY -> {}
                }
                for (int i = 0; i < p; i++) {
                    sum += row[i];
                }
                to.put((o * s.batch() + n) * p, row);
            }
            sums[o] = sum;
        }
        return sums;
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
        keptInput = null;
    }
}
