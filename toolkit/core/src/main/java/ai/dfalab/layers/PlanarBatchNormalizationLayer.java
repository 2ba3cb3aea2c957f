package ai.dfalab.layers;

import static ai.dfalab.layers.NativeFloats.contiguous;
import static ai.dfalab.layers.NativeFloats.floats;

import ai.dfalab.backend.Backend;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's batch normalisation of NCHW activations computed in Java loops over each channel's {@code H x W} planes.
 * ND4J 1.0.0-M2.1 broadcasts along the channel axis through strided sub-arrays: DL4J's layer took half of a Table 4
 * CNN step with batch norm here. Per channel {@code c}, over the {@code m = N H W} values of the batch:
 * <pre>
 *   forward:  y = gamma (x - mean) / std + beta,         std = sqrt(var + eps), var biased
 *   backward: dx = gamma / std (dy - sum(dy) / m - xhat sum(dy xhat) / m),   xhat = (x - mean) / std
 * </pre>
 * and the running statistics are updated through their gradients as DL4J's layer updates them. The batch statistics
 * of the training forward pass are kept for the backward pass instead of the centred and normalised copies of the
 * input that DL4J keeps. Float NCHW input with learned gamma and beta on the CPU takes this path; anything else
 * (rank-2 input, CUDA's cuDNN helper) is DL4J's own layer, unchanged.
 */
public class PlanarBatchNormalizationLayer extends BatchNormalization {
    private static final double ONE_ON_2LN10 = 1.0 / (2 * Math.log(10.0));

    /** Whether this layer takes the planar path for rank-4 input (else it behaves exactly as DL4J's). */
    private final boolean planar;
    /** The batch statistics of the last training forward pass and the input they describe; null when spent. */
    private Stats kept;

    private INDArray keptInput;

    private record Stats(double[] mean, double[] var, float[] std) {}

    public PlanarBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        this.planar = Backend.cpu()
                && getHelper() == null
                && dataType == DataType.FLOAT
                && c.getCnn2DFormat() == CNN2DFormat.NCHW
                && !c.isLockGammaBeta();
    }

    /** Whether rank-4 input takes the planar path (else this layer behaves exactly as DL4J's). */
    public boolean planar() {
        return planar;
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        if (!planar || x.rank() != 4) {
            return super.preOutput(x, training, workspaceMgr);
        }
        if (x.size(1) != layerConf().getNOut()) {
            throw new IllegalArgumentException("input.size(1) does not match expected input size of "
                    + layerConf().getNOut() + " - got input array with shape " + Arrays.toString(x.shape()) + " "
                    + layerId());
        }
        INDArray in = contiguous(x.castTo(dataType));
        Stats stats;
        if (training == TrainingMode.TRAIN) {
            stats = batchStats(in);
            kept = stats;
            keptInput = x;
        } else {
            stats = runningStats();
        }
        float[] gamma = channelValues(BatchNormalizationParamInitializer.GAMMA);
        float[] beta = channelValues(BatchNormalizationParamInitializer.BETA);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        Planes p = new Planes(in);
        FloatBuffer from = floats(in);
        FloatBuffer to = floats(out);
        float[] plane = new float[p.size];
        for (int c = 0; c < p.channels; c++) {
            float mean = (float) stats.mean[c];
            float scale = gamma[c] / stats.std[c];
            for (int n = 0; n < p.batch; n++) {
                from.get(p.at(in, n, c), plane);
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = (plane[i] - mean) * scale + beta[c];
                }
                to.put(p.at(out, n, c), plane);
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!planar || epsilon.rank() != 4) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray in = contiguous(input.castTo(dataType));
        Stats stats = kept != null && keptInput == input ? kept : batchStats(in);
        kept = null;
        keptInput = null;
        INDArray dy = contiguous(epsilon.castTo(dataType));
        Planes p = new Planes(in);
        float[] gamma = channelValues(BatchNormalizationParamInitializer.GAMMA);
        double[] dBeta = new double[p.channels];
        double[] dGamma = new double[p.channels];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        FloatBuffer xs = floats(in);
        FloatBuffer dys = floats(dy);
        FloatBuffer dxs = floats(dx);
        float[] xPlane = new float[p.size];
        float[] dyPlane = new float[p.size];
        double m = (double) p.batch * p.size;
        for (int c = 0; c < p.channels; c++) {
            float mean = (float) stats.mean[c];
            float inverseStd = 1f / stats.std[c];
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int n = 0; n < p.batch; n++) {
                xs.get(p.at(in, n, c), xPlane);
                dys.get(p.at(dy, n, c), dyPlane);
                for (int i = 0; i < p.size; i++) {
                    sumDy += dyPlane[i];
                    sumDyXhat += dyPlane[i] * ((xPlane[i] - mean) * inverseStd);
                }
            }
            dBeta[c] = sumDy;
            dGamma[c] = sumDyXhat;
            float meanDy = (float) (sumDy / m);
            float meanDyXhat = (float) (sumDyXhat / m);
            float scale = gamma[c] * inverseStd;
            for (int n = 0; n < p.batch; n++) {
                xs.get(p.at(in, n, c), xPlane);
                dys.get(p.at(dy, n, c), dyPlane);
                for (int i = 0; i < p.size; i++) {
                    float xhat = (xPlane[i] - mean) * inverseStd;
                    dyPlane[i] = scale * (dyPlane[i] - meanDy - xhat * meanDyXhat);
                }
                dxs.put(p.at(dx, n, c), dyPlane);
            }
        }
        return new Pair<>(gradients(dGamma, dBeta, stats), dx);
    }

    /**
     * The gradients of gamma and beta, and the running statistics' steps: DL4J applies the latter as plain
     * subtractions, {@code mean <- mean - (1 - decay)(mean - batch mean)}, and for the log10 standard deviation the
     * difference of logs that takes the variance to {@code decay var + (1 - decay) batch var}.
     */
    private Gradient gradients(double[] dGamma, double[] dBeta, Stats batch) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        double decay = c.getDecay();
        Gradient g = new DefaultGradient();
        g.setGradientFor(
                BatchNormalizationParamInitializer.GAMMA, fill(BatchNormalizationParamInitializer.GAMMA, dGamma));
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, fill(BatchNormalizationParamInitializer.BETA, dBeta));
        double[] running = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        double[] meanStep = new double[running.length];
        for (int k = 0; k < running.length; k++) {
            meanStep[k] = (running[k] - batch.mean[k]) * (1 - decay);
        }
        g.setGradientFor(
                BatchNormalizationParamInitializer.GLOBAL_MEAN,
                fill(BatchNormalizationParamInitializer.GLOBAL_MEAN, meanStep));
        if (c.isUseLogStd()) {
            double[] log10Std = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            double[] step = new double[log10Std.length];
            for (int k = 0; k < step.length; k++) {
                double var = Math.pow(10, 2 * log10Std[k]);
                step[k] = Math.log(var / (decay * var + (1 - decay) * batch.var[k])) * ONE_ON_2LN10;
            }
            g.setGradientFor(
                    BatchNormalizationParamInitializer.GLOBAL_LOG_STD,
                    fill(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, step));
        } else {
            double[] var = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_VAR);
            double[] step = new double[var.length];
            for (int k = 0; k < step.length; k++) {
                step[k] = (var[k] - batch.var[k]) * (1 - decay);
            }
            g.setGradientFor(
                    BatchNormalizationParamInitializer.GLOBAL_VAR,
                    fill(BatchNormalizationParamInitializer.GLOBAL_VAR, step));
        }
        return g;
    }

    /** Per-channel mean and biased variance over batch and positions (two passes, in double), and the std they give. */
    private Stats batchStats(INDArray in) {
        Planes p = new Planes(in);
        FloatBuffer xs = floats(in);
        float[] plane = new float[p.size];
        double[] mean = new double[p.channels];
        double[] var = new double[p.channels];
        double m = (double) p.batch * p.size;
        for (int c = 0; c < p.channels; c++) {
            double sum = 0;
            for (int n = 0; n < p.batch; n++) {
                xs.get(p.at(in, n, c), plane);
                for (float v : plane) {
                    sum += v;
                }
            }
            mean[c] = sum / m;
            double squares = 0;
            for (int n = 0; n < p.batch; n++) {
                xs.get(p.at(in, n, c), plane);
                for (float v : plane) {
                    double d = v - mean[c];
                    squares += d * d;
                }
            }
            var[c] = squares / m;
        }
        return new Stats(mean, var, std(var));
    }

    /** The running mean and variance that inference normalises with. */
    private Stats runningStats() {
        double[] mean = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        double[] var;
        if (layerConf().isUseLogStd()) {
            var = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            for (int k = 0; k < var.length; k++) {
                var[k] = Math.pow(10, 2 * var[k]);
            }
        } else {
            var = channelDoubles(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        return new Stats(mean, var, std(var));
    }

    private float[] std(double[] var) {
        float[] std = new float[var.length];
        for (int k = 0; k < var.length; k++) {
            std[k] = (float) Math.sqrt((float) var[k] + layerConf().getEps());
        }
        return std;
    }

    private float[] channelValues(String param) {
        return getParam(param).toFloatVector();
    }

    private double[] channelDoubles(String param) {
        return getParam(param).toDoubleVector();
    }

    private INDArray fill(String param, double[] values) {
        INDArray view = gradientViews.get(param);
        for (int k = 0; k < values.length; k++) {
            view.putScalar(k, values[k]);
        }
        return view;
    }

    /** The NCHW layout of a C-order array: the start of plane {@code (n, c)} in its buffer. */
    private static final class Planes {
        final int batch;
        final int channels;
        final int size;

        Planes(INDArray x) {
            batch = (int) x.size(0);
            channels = (int) x.size(1);
            size = (int) (x.size(2) * x.size(3));
        }

        int at(INDArray x, int n, int c) {
            return (int) x.offset() + (n * channels + c) * size;
        }
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
        keptInput = null;
    }
}
