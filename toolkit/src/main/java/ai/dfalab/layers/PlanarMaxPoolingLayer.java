package ai.dfalab.layers;

import static ai.dfalab.layers.NativeFloats.contiguous;
import static ai.dfalab.layers.NativeFloats.floats;

import ai.dfalab.blas.Backend;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's max pooling computed in Java loops over each NCHW plane. The forward pass records where each window's
 * maximum was (the first, in row-major window order, on ties) and the backward pass sends each output's gradient
 * there: DL4J's layer searches every window again in its backward pass, and its two native ops took a fifth of a
 * Table 4 CNN step here. Float NCHW max pooling without padding or dilation in DL4J's Truncate mode on the CPU
 * takes this path; anything else (other pooling, Same mode, CUDA's cuDNN helper) is DL4J's own layer, unchanged.
 */
public class PlanarMaxPoolingLayer extends SubsamplingLayer {
    /** Whether this layer takes the planar path (else it behaves exactly as DL4J's); fixed by its configuration. */
    private final boolean planar;
    /** Per output of the last training forward pass, the index in its input plane of the window's maximum. */
    private int[] argmax = new int[0];
    private INDArray keptInput;

    public PlanarMaxPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        this.planar = Backend.cpu() && helper == null && dataType == DataType.FLOAT && c.getPoolingType() == PoolingType.MAX
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && convolutionMode == ConvolutionMode.Truncate
                && Arrays.stream(c.getPadding()).allMatch(p -> p == 0) && Arrays.stream(c.getDilation()).allMatch(d -> d == 1);
    }

    /** Whether this layer takes the planar path (else it behaves exactly as DL4J's). */
    public boolean planar() {
        return planar;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!planar || input == null || input.rank() != 4) {
            return super.activate(training, workspaceMgr);
        }
        INDArray x = contiguous(input.castTo(dataType));
        Window w = window(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {x.size(0), x.size(1), w.outH, w.outW}, 'c');
        int outputs = (int) out.length();
        if (argmax.length != outputs) {
            argmax = new int[outputs];
        }
        pool(x, w, out);
        keptInput = training ? input : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!planar || epsilon.rank() != 4) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray x = contiguous(input.castTo(dataType));
        Window w = window(x);
        if (keptInput != input || argmax.length != epsilon.length()) {   // no training forward pass of this input
            activate(true, workspaceMgr);
        }
        keptInput = null;
        INDArray eps = contiguous(epsilon.castTo(dataType));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        FloatBuffer from = floats(eps);
        FloatBuffer to = floats(dx);
        int planes = (int) (x.size(0) * x.size(1));
        int in = w.height * w.width;
        int out = w.outH * w.outW;
        float[] g = new float[in];
        float[] e = new float[out];
        for (int plane = 0; plane < planes; plane++) {
            Arrays.fill(g, 0f);
            from.get((int) eps.offset() + plane * out, e);
            for (int o = 0; o < out; o++) {
                g[argmax[plane * out + o]] += e[o];   // overlapping windows can share a maximum
            }
            to.put((int) dx.offset() + plane * in, g);
        }
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** Writes each window's maximum to {@code out} and its position in the plane to {@link #argmax}. */
    private void pool(INDArray x, Window w, INDArray out) {
        FloatBuffer from = floats(x);
        FloatBuffer to = floats(out);
        int planes = (int) (x.size(0) * x.size(1));
        int in = w.height * w.width;
        int outputs = w.outH * w.outW;
        float[] plane = new float[in];
        float[] max = new float[outputs];
        for (int p = 0; p < planes; p++) {
            from.get((int) x.offset() + p * in, plane);
            for (int oy = 0; oy < w.outH; oy++) {
                for (int ox = 0; ox < w.outW; ox++) {
                    int first = oy * w.strideH * w.width + ox * w.strideW;
                    int best = first;
                    for (int ky = 0; ky < w.kernelH; ky++) {
                        int row = first + ky * w.width;
                        for (int kx = 0; kx < w.kernelW; kx++) {
                            if (plane[row + kx] > plane[best]) {
                                best = row + kx;
                            }
                        }
                    }
                    int o = oy * w.outW + ox;
                    max[o] = plane[best];
                    argmax[p * outputs + o] = best;
                }
            }
            to.put((int) out.offset() + p * outputs, max);
        }
    }

    private Window window(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        if (h < k[0] || wd < k[1]) {
            throw new IllegalArgumentException("input " + h + "x" + wd + " is smaller than the pooling kernel " + k[0] + "x" + k[1]
                    + " " + layerId());
        }
        return new Window(h, wd, k[0], k[1], s[0], s[1], (h - k[0]) / s[0] + 1, (wd - k[1]) / s[1] + 1);
    }

    /** One plane's pooling geometry (Truncate mode: windows that do not fit are dropped). */
    private record Window(int height, int width, int kernelH, int kernelW, int strideH, int strideW, int outH, int outW) {
    }

    @Override
    public void clear() {
        super.clear();
        keptInput = null;
    }
}
