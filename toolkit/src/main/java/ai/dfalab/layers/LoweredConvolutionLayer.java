package ai.dfalab.layers;

import static ai.dfalab.layers.NativeFloats.contiguous;
import static ai.dfalab.layers.NativeFloats.detachedCopy;
import static ai.dfalab.layers.NativeFloats.floats;
import static ai.dfalab.layers.NativeFloats.scratch;

import ai.dfalab.blas.Backend;
import ai.dfalab.blas.Gemm;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer computed as one lowered matrix product per pass ({@link ConvShape}): the input is lowered
 * once per training forward pass and kept for the weight gradient, the pre-activations are kept for the backward
 * pass (DL4J's own layer recomputes the whole forward pass there), and the gradient with respect to the input is
 * computed only when asked. ND4J 1.0.0-M2.1's CPU im2col writes through a permuted view and took half of a Table 4
 * CNN step here. Float NCHW convolutions without dilation or weight noise on the CPU take this path; anything else
 * (CUDA's cuDNN helper included) is DL4J's own layer, unchanged.
 */
public class LoweredConvolutionLayer extends ConvolutionLayer {
    /** The lowered input of the last pass ({@code K x N}); the backward pass then overwrites it with its gradient. */
    private INDArray col;
    /** {@code C_out x N}: the product before it is reordered to NCHW, then the output gradient reordered for products. */
    private INDArray channelRows;
    private ConvShape colShape;
    /** The pre-activations and the input of the last training forward pass, for the backward pass; null when spent. */
    private INDArray keptPreActivation;
    private INDArray keptInput;

    /** Whether this layer takes the lowered path (else it behaves exactly as DL4J's); fixed by its configuration. */
    private final boolean lowered;

    public LoweredConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        this.lowered = Backend.cpu() && helper == null && dataType == DataType.FLOAT && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && Arrays.stream(c.getDilation()).allMatch(d -> d == 1) && c.getWeightNoise() == null;
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
        keptPreActivation = training ? detachedCopy(z) : null;
        return layerConf().getActivationFn().getActivation(z, training);
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
        INDArray z = keptInput == input && keptPreActivation != null ? keptPreActivation : preActivation(workspaceMgr);
        keptPreActivation = null;
        keptInput = null;
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon.castTo(dataType)).getFirst();   // [n, C_out, oH, oW]
        ConvShape s = colShape;
        int out = (int) getParam(ConvolutionParamInitializer.WEIGHT_KEY).size(0);
        INDArray deltaT = channelRows;
        double[] biasSums = channelMajor(contiguous(delta), deltaT, s, out);

        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        Gemm.gemm(deltaT, false, col, true, weightGrad.reshape('c', out, s.patch()), 1, 0);   // dW = delta col^T
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
        INDArray colGrad = col;   // the lowered input is spent once dW is computed
        Gemm.gemm(weights2d(out, s), true, deltaT, false, colGrad, 1, 0);   // d col = W^T delta
        INDArray down = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {s.batch(), s.channels(), s.height(), s.width()}, 'c');
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
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {s.batch(), out, s.outH(), s.outW()}, 'c');
        INDArray bias = layerConf().hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        sampleMajor(zT, bias, z, s, out);
        return z;
    }

    private ConvShape shape(INDArray x, INDArray w) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize();
        int[] stride = c.getStride();
        int[] size = ConvolutionUtils.getOutputSize(x, kernel, stride, convolutionMode == ConvolutionMode.Same ? null : c.getPadding(),
                convolutionMode, c.getDilation(), CNN2DFormat.NCHW);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] pad = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(size, new int[] {h, wd}, kernel, stride, c.getDilation()) : c.getPadding();
        return new ConvShape((int) x.size(0), (int) w.size(1), h, wd, (int) w.size(2), (int) w.size(3),
                stride[0], stride[1], pad[0], pad[1], size[0], size[1]);
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

    /** {@code delta} ({@code n x C_out x p}, C order) to {@code deltaT} ({@code C_out x (n, p)}); returns per-channel sums. */
    private static double[] channelMajor(INDArray delta, INDArray deltaT, ConvShape s, int out) {
        FloatBuffer from = floats(delta);
        FloatBuffer to = floats(deltaT);
        int d0 = (int) delta.offset();
        int p = s.positions();
        double[] sums = new double[out];
        for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int n = 0; n < s.batch(); n++) {
                int src = d0 + (n * out + o) * p;
                int dst = (o * s.batch() + n) * p;
                for (int i = 0; i < p; i++) {
                    float v = from.get(src + i);
                    to.put(dst + i, v);
                    sum += v;
                }
            }
            sums[o] = sum;
        }
        return sums;
    }

    @Override
    public void clear() {
        super.clear();
        keptPreActivation = null;
        keptInput = null;
    }
}
