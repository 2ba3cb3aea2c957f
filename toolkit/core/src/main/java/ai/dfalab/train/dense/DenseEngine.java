package ai.dfalab.train.dense;

import ai.dfalab.backend.Gemm;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.layers.GradientMask;
import ai.dfalab.models.BlockNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The fast path for plain dense networks trained with SGD: the same BP or DFA step as the DL4J layer path, written
 * as raw GEMMs on preallocated arrays, with the SGD step folded into the weight-gradient GEMM
 * ({@code W <- W - lr h^T delta} is one GEMM with beta = 1) and fused element-wise kernels. It works on the DL4J
 * network's own parameter arrays, so everything else (evaluation, probes, saving) sees the same weights.
 */
public final class DenseEngine {
    /** Shuts an engine's block pool down once the engine is unreachable (its threads are daemons, but idle ones add up). */
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final MultiLayerNetwork net;
    private final int layers;
    private final INDArray[] w;
    private final INDArray[] b;
    private final Sgd[] sgd;
    private final Pointwise[] f;
    private final GradientMask[] masks;
    private final int[] pointOf;
    private final Feedback feedback;
    private final SignalScale scale;
    private final Kernels kernels;
    /** Runs the blocks' DFA updates concurrently; null for the sequential step. */
    private final java.util.concurrent.ExecutorService pool;

    private int batch = -1;
    private INDArray[] a;
    private INDArray[] h;
    private INDArray[] g;
    private INDArray[] sums;
    private INDArray[] maskedGrad;
    private INDArray probabilities;
    private INDArray error;
    private INDArray[] t;
    /** For each DFA point: the layer (itself or one above, projected first) whose signal it shares. */
    private final int[] projectedBy;

    private DenseEngine(
            BlockNetwork blocks,
            Pointwise[] f,
            Sgd[] sgd,
            Feedback feedback,
            SignalScale scale,
            Kernels kernels,
            int blockThreads) {
        this.net = blocks.net();
        this.layers = net.getnLayers();
        this.f = f;
        this.sgd = sgd;
        this.feedback = feedback;
        this.scale = scale;
        this.kernels = kernels;
        this.pool = blockThreads > 0 && feedback != null
                ? java.util.concurrent.Executors.newFixedThreadPool(blockThreads, r -> {
                    Thread thread = new Thread(r, "dfa-block");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        if (pool != null) {
            CLEANER.register(this, pool::shutdown);
        }
        this.w = new INDArray[layers];
        this.b = new INDArray[layers];
        this.masks = new GradientMask[layers];
        this.pointOf = new int[layers];
        java.util.Arrays.fill(pointOf, -1);
        for (int l = 0; l < layers; l++) {
            w[l] = net.getLayer(l).getParam("W");
            b[l] = net.getLayer(l).getParam("b");
            masks[l] = blocks.gradientMask(l);
        }
        for (int p = 0; p < blocks.points(); p++) {
            pointOf[blocks.pointLayer(p)] = p;
        }
        this.projectedBy = new int[layers];
        for (int l = layers - 1; l >= 0; l--) {
            projectedBy[l] = l;
            for (int above = layers - 1; above > l && feedback != null && pointOf[l] >= 0; above--) {
                if (pointOf[above] >= 0
                        && projectedBy[above] == above
                        && feedback.sameSignal(pointOf[l], pointOf[above])) {
                    projectedBy[l] = above;
                    break;
                }
            }
        }
    }

    /**
     * An engine for {@code net} learning by BP ({@code feedback} null) or by DFA through {@code feedback} scaled by
     * {@code scale}, with DFA's per-block updates run concurrently on {@code blockThreads} threads (0: the sequential
     * step); null when the network is not a plain SGD dense stack.
     */
    public static DenseEngine create(BlockNetwork net, Feedback feedback, SignalScale scale, int blockThreads) {
        if (blockThreads < 0) {
            throw new IllegalArgumentException("blockThreads must be >= 0, got " + blockThreads);
        }
        return create(net, feedback, scale, Kernels.best(), blockThreads);
    }

    /** As {@link #create(BlockNetwork, Feedback, SignalScale, int)}, sequential, with the portable ND4J kernels (for comparisons). */
    public static DenseEngine createPortable(BlockNetwork net, Feedback feedback, SignalScale scale) {
        return create(net, feedback, scale, new Nd4jKernels(), 0);
    }

    private static DenseEngine create(
            BlockNetwork blocks, Feedback feedback, SignalScale scale, Kernels kernels, int blockThreads) {
        MultiLayerNetwork net = blocks.net();
        int n = net.getnLayers();
        if (net.params().dataType() != DataType.FLOAT) {
            return null;
        }
        Pointwise[] f = new Pointwise[n];
        Sgd[] sgd = new Sgd[n];
        for (int l = 0; l < n; l++) {
            Layer layer = net.getLayer(l);
            boolean last = l == n - 1;
            if (last ? !(layer instanceof OutputLayer) : !(layer instanceof DenseLayer)) {
                return null;
            }
            if (net.getLayerWiseConfigurations().getInputPreProcess(l) != null) {
                return null;
            }
            BaseLayer conf = (BaseLayer) layer.conf().getLayer();
            boolean plain = conf.getIDropout() == null
                    && conf.getWeightNoise() == null
                    && conf.getRegularization().isEmpty()
                    && conf.getRegularizationBias().isEmpty()
                    && conf.getGradientNormalization() == GradientNormalization.None
                    && conf.getIUpdater() instanceof Sgd
                    && (conf.getBiasUpdater() == null || conf.getBiasUpdater().equals(conf.getIUpdater()))
                    && layer.getParam("b") != null;
            if (!plain) {
                return null;
            }
            sgd[l] = (Sgd) conf.getIUpdater();
            if (last) {
                var out = (org.deeplearning4j.nn.conf.layers.OutputLayer) conf;
                if (!(out.getLossFn() instanceof LossMCXENT m)
                        || m.getWeights() != null
                        || !(conf.getActivationFn() instanceof ActivationSoftmax)) {
                    return null;
                }
            } else {
                f[l] = Pointwise.of(conf.getActivationFn());
                if (f[l] == null) {
                    return null;
                }
            }
        }
        return new DenseEngine(blocks, f, sgd, feedback, scale, kernels, blockThreads);
    }

    /** One SGD step on a batch; returns the softmax output (overwritten by the next step). */
    public INDArray step(INDArray x, INDArray labels, int iteration, int epoch) {
        int rows = (int) x.size(0);
        allocate(rows);
        // forward, eq. 1
        INDArray in = x;
        for (int l = 0; l < layers - 1; l++) {
            Gemm.gemm(in, false, w[l], false, a[l], 1.0, 0.0);
            kernels.activate(a[l], b[l], f[l], h[l]);
            in = h[l];
        }
        int out = layers - 1;
        Gemm.gemm(in, false, w[out], false, a[out], 1.0, 0.0);
        // e = softmax(a_N) - y; the output layer's gradient is batch-averaged (DL4J's updater, PyTorch's mean loss)
        kernels.outputError(a[out], b[out], labels, probabilities, error, g[out], sums[out], 1.0 / rows);
        double dfa = scale == SignalScale.MEAN ? 1.0 / rows : 1.0;
        if (pool == null) {
            for (int l = out; l >= 0; l--) {
                backward(l, x, dfa, iteration, epoch);
            }
        } else {
            backwardUnlocked(x, dfa, iteration, epoch);
        }
        net.setIterationCount(iteration + 1);
        return probabilities;
    }

    /** The pre-softmax output of the latest step (its bias added; overwritten by the next step). */
    public INDArray logits() {
        return a[layers - 1];
    }

    /**
     * Layer {@code l}'s part of the backward pass: its signal (the true gradient at the output, {@code t_l = B_l e} at a
     * DFA point, else BP from above), its local derivative, the BP signal for the layer below if that one has no
     * feedback point, and its SGD step.
     */
    private void backward(int l, INDArray x, double dfa, int iteration, int epoch) {
        if (l < layers - 1) {
            INDArray signal = g[l];
            if (feedback != null && pointOf[l] >= 0) {
                signal = t[projectedBy[l]];
                if (projectedBy[l] == l && pool == null) {
                    feedback.project(pointOf[l], error, signal, dfa); // t_l = B_l e (eq. 3)
                }
            }
            kernels.derivative(signal, a[l], h[l], f[l], g[l], sums[l]); // delta_l = t_l ⊙ f'(a_l)
        }
        if (l > 0 && (feedback == null || pointOf[l - 1] < 0)) {
            Gemm.gemm(g[l], false, w[l], true, g[l - 1], 1.0, 0.0); // BP into the layer below (eq. 2)
            if (masks[l] != null) {
                g[l - 1].muli(masks[l].mask(l + "_signal", g[l - 1].shape()));
            }
        }
        update(l, l == 0 ? x : h[l - 1], g[l], sgd[l].getLearningRate(iteration, epoch));
    }

    /**
     * DFA's backward unlocking: once {@code e} is known, every block's update depends on {@code e} and its own forward
     * values only. The signals are projected first, then each chain of layers (a layer with its own signal and the
     * layers below it reached by BP, e.g. through a bottleneck) runs as one task on the pool.
     */
    private void backwardUnlocked(INDArray x, double dfa, int iteration, int epoch) {
        for (int l = 0; l < layers - 1; l++) {
            if (pointOf[l] >= 0 && projectedBy[l] == l) {
                feedback.project(pointOf[l], error, t[l], dfa); // t_l = B_l e (eq. 3)
            }
        }
        java.util.List<java.util.concurrent.Callable<Void>> chains = new java.util.ArrayList<>();
        for (int top = layers - 1; top >= 0; top--) {
            if (top == layers - 1 || pointOf[top] >= 0) {
                int head = top;
                chains.add(() -> {
                    for (int l = head; l >= 0 && (l == head || pointOf[l] < 0); l--) {
                        backward(l, x, dfa, iteration, epoch);
                    }
                    return null;
                });
            }
        }
        try {
            for (var done : pool.invokeAll(chains)) {
                done.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the concurrent DFA step", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException("a block's DFA update failed", ex.getCause());
        }
    }

    /** {@code W -= lr h^T delta}, {@code b -= lr sum(delta)}, through the layer's fixed mask if it has one. */
    private void update(int l, INDArray below, INDArray delta, double lr) {
        if (masks[l] == null) {
            Gemm.gemm(below, true, delta, false, w[l], -lr, 1.0);
            kernels.biasStep(b[l], sums[l], lr);
        } else {
            Gemm.gemm(below, true, delta, false, maskedGrad[l], 1.0, 0.0);
            w[l].subi(maskedGrad[l].muli(masks[l].mask(l + "_W", w[l].shape())).muli(lr));
            b[l].subi(sums[l].reshape(b[l].shape())
                    .muli(masks[l].mask(l + "_b", b[l].shape()))
                    .muli(lr));
        }
    }

    private void allocate(int rows) {
        if (rows == batch) {
            return;
        }
        batch = rows;
        a = new INDArray[layers];
        h = new INDArray[layers];
        g = new INDArray[layers];
        sums = new INDArray[layers];
        maskedGrad = new INDArray[layers];
        t = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long width = w[l].size(1);
            a[l] = Nd4j.create(DataType.FLOAT, rows, width);
            h[l] = Nd4j.create(DataType.FLOAT, rows, width);
            g[l] = Nd4j.create(DataType.FLOAT, rows, width);
            sums[l] = Nd4j.create(DataType.FLOAT, width);
            if (masks[l] != null) {
                maskedGrad[l] = Nd4j.create(DataType.FLOAT, w[l].shape());
            }
            if (pointOf[l] >= 0 && projectedBy[l] == l) {
                t[l] = Nd4j.create(DataType.FLOAT, rows, width);
            }
        }
        probabilities = Nd4j.create(DataType.FLOAT, rows, w[layers - 1].size(1));
        error = Nd4j.create(DataType.FLOAT, rows, w[layers - 1].size(1));
    }
}
