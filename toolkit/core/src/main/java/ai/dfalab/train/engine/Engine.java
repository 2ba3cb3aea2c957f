package ai.dfalab.train.engine;

import ai.dfalab.backend.Backend;
import ai.dfalab.backend.DaemonThreads;
import ai.dfalab.layers.SeededDropout;
import ai.dfalab.models.BlockNetwork;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The training engine: a DL4J network's configuration compiled into {@link Stage}s that compute its forward pass and
 * each block's backward pass on preallocated native buffers, with direct {@code cblas_sgemm} calls and fused
 * element-wise kernels, on the network's own parameter arrays. Dense, convolution, max pooling, batch norm, (spatial)
 * dropout with the layer path's seeded masks, the paper's activations, the bottleneck's gradient masks; plain SGD is
 * stepped in place, any other DL4J updater steps through DL4J's own. Backward unlocking: with {@code blockThreads > 0},
 * blocks that take no signal from each other (DFA's) run their backward passes at once.
 */
public final class Engine implements BlockPasses {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Why the engine cannot run a network (it then trains through DL4J's layers, and says why). */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String reason) {
            super(reason);
        }
    }

    private final MultiLayerNetwork net;
    private final List<Stage> stages;
    private final OutputStage output;
    /** Per block, its first and last stage. */
    private final int[] firstStage;

    private final int[] lastStage;
    /** Per stage, whether a stage before it in its block has parameters (so its input gradient is needed). */
    private final boolean[] trainsBelow;

    /** Per stage, whether its output is laid out one row per sample (the input and its dropout only). */
    private final boolean[] rowsOut;

    private final Pass pass;
    /** Per-stage times, once asked for ({@link #timeStages}). */
    private volatile StageTimes times;
    /** The stages' loop threads: all cores, or the calling thread alone when blocks run at once. */
    private final Workers workers;

    private final ExecutorService pool;
    private final int blockThreads;

    private int batch = -1;
    /** The logits of the last {@link #output} that ran in chunks, else null. */
    private INDArray chunkedLogits;

    private Columns input;
    private Columns[] act;
    private Columns[] grad;
    /** Per point: its gradient buffer as DL4J lays it out ({@code batch x l_i}), the array {@link #signal} hands out. */
    private INDArray[] signals;

    private Engine(BlockNetwork blocks, List<Stage> stages, boolean[] rowsOut, boolean sgd, int blockThreads) {
        this.net = blocks.net();
        this.stages = stages;
        this.rowsOut = rowsOut;
        this.output = (OutputStage) stages.get(stages.size() - 1);
        this.workers = new Workers(blockThreads > 0 ? 1 : Runtime.getRuntime().availableProcessors());
        this.pass = new Pass(sgd, workers);
        int points = blocks.points();
        this.firstStage = new int[points + 1];
        this.lastStage = new int[points + 1];
        for (int block = 0; block <= points; block++) {
            int from = blocks.blockStart(block);
            int to = blocks.blockEnd(block);
            firstStage[block] = stages.size();
            for (int s = 0; s < stages.size(); s++) {
                if (stages.get(s).layer >= from && stages.get(s).layer <= to) {
                    firstStage[block] = Math.min(firstStage[block], s);
                    lastStage[block] = s;
                }
            }
        }
        this.trainsBelow = new boolean[stages.size()];
        for (int block = 0; block <= points; block++) {
            boolean params = false;
            for (int s = firstStage[block]; s <= lastStage[block]; s++) {
                trainsBelow[s] = params;
                params |= !stages.get(s).params().isEmpty();
            }
        }
        this.blockThreads = blockThreads;
        this.pool = blockThreads == 0 ? null : DaemonThreads.pool(blockThreads, "engine-block");
        ExecutorService blockPool = pool;
        Workers loops = workers;
        CLEANER.register(this, () -> {
            loops.close();
            if (blockPool != null) {
                blockPool.shutdown();
            }
        });
    }

    /**
     * The engine for {@code net}; with {@code blockThreads > 0}, independent blocks' backward passes run at once on
     * that many threads.
     *
     * @throws Unsupported when the network has a part the engine does not compute (the message says which)
     */
    public static Engine compile(BlockNetwork net, int blockThreads) {
        if (blockThreads < 0) {
            throw new IllegalArgumentException("blockThreads must be >= 0, got " + blockThreads);
        }
        if (!Backend.cpu()) {
            throw new Unsupported("the engine runs on ND4J's CPU backend, not "
                    + Nd4j.getBackend().getClass().getSimpleName());
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new Unsupported("the engine's kernels need Java's Vector API: start java with --add-modules "
                    + "jdk.incubator.vector (environment/dfa and the notebook kernel do)");
        }
        MultiLayerNetwork m = net.net();
        if (m.params().dataType() != DataType.FLOAT) {
            throw new Unsupported(
                    "the engine computes in float, the network in " + m.params().dataType());
        }
        Compiler compiler = new Compiler(net);
        for (int l = 0; l < m.getnLayers(); l++) {
            compiler.layer(l);
        }
        boolean[] rowsOut = new boolean[compiler.stages.size()];
        for (int s = 0; s < rowsOut.length; s++) {
            rowsOut[s] = compiler.rowsOut.get(s);
        }
        return new Engine(net, compiler.stages, rowsOut, compiler.sgd, blockThreads);
    }

    /** Builds the stages layer by layer, following the activation's shape and layout. */
    private static final class Compiler {
        final BlockNetwork blocks;
        final MultiLayerNetwork net;
        final List<Stage> stages = new ArrayList<>();
        final List<Boolean> rowsOut = new ArrayList<>();
        Shape shape;
        boolean sampleRows = true;
        boolean sgd = true;

        Compiler(BlockNetwork blocks) {
            this.blocks = blocks;
            this.net = blocks.net();
            long[] in = blocks.inputShape();
            this.shape = in.length == 3
                    ? new Shape((int) in[0], (int) in[1], (int) in[2])
                    : Shape.flat((int) Arrays.stream(in).reduce(1, (a, b) -> a * b));
        }

        void layer(int l) {
            preprocess(l);
            Layer layer = net.getLayer(l);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String name = "layer " + l + " (" + conf.getClass().getSimpleName() + ")";
            if (conf instanceof BaseLayer base) {
                if (base.getWeightNoise() != null
                        || !base.getRegularization().isEmpty()
                        || !base.getRegularizationBias().isEmpty()
                        || (base.getGradientNormalization() != null
                                && base.getGradientNormalization() != GradientNormalization.None)) {
                    throw new Unsupported(name + " has weight noise, regularization or gradient normalization");
                }
            }
            for (String param : layer.paramTable().keySet()) {
                IUpdater u = conf.getUpdaterByParam(param);
                sgd &= u instanceof Sgd || u instanceof NoOp;
            }
            if (blocks.gradientMask(l) != null && !(layer instanceof DenseLayer) && !(layer instanceof OutputLayer)) {
                throw new Unsupported(name + ": gradient masks are for dense layers");
            }
            IDropout dropout = conf.getIDropout();
            if (dropout != null) {
                if (!(dropout instanceof SeededDropout seeded)) {
                    throw new Unsupported(name + " has dropout "
                            + dropout.getClass().getSimpleName() + ": the engine draws SeededDropout's masks");
                }
                add(new DropoutStage(l, shape, seeded));
            }
            if (layer instanceof OutputLayer) {
                output(l, layer, name);
            } else if (layer instanceof DenseLayer) {
                dense(l, layer, name);
            } else if (layer instanceof DropoutLayer) {
                if (dropout == null) { // a dropout layer without dropout: the identity
                    add(new ActivationStage(l, shape, Pointwise.IDENTITY));
                }
            } else if (layer instanceof ActivationLayer) {
                add(new ActivationStage(
                        l,
                        shape,
                        activation(
                                name, ((org.deeplearning4j.nn.conf.layers.ActivationLayer) conf).getActivationFn())));
            } else if (layer instanceof BatchNormalization) {
                norm(l, layer, name);
            } else if (layer instanceof ConvolutionLayer) {
                conv(l, layer, name);
            } else if (layer instanceof SubsamplingLayer) {
                pool(l, name);
            } else {
                throw new Unsupported(name + " is not a kind of layer the engine computes");
            }
        }

        private void preprocess(int l) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(l);
            if (pre == null) {
                return;
            }
            if (pre instanceof FeedForwardToCnnPreProcessor p) {
                Shape image = new Shape((int) p.getNumChannels(), (int) p.getInputHeight(), (int) p.getInputWidth());
                if (image.size() != shape.size()) {
                    throw new Unsupported(
                            "layer " + l + "'s input " + image + " does not hold " + shape.size() + " values");
                }
                shape = image; // the same values in the same order in the engine's layout
            } else if (pre instanceof CnnToFeedForwardPreProcessor p
                    && (p.getFormat() == null || p.getFormat() == CNN2DFormat.NCHW)) {
                shape = Shape.flat(shape.size());
            } else {
                throw new Unsupported(
                        "layer " + l + " has preprocessor " + pre.getClass().getSimpleName());
            }
        }

        private void add(Stage stage) {
            if (sampleRows && !stage.takesSampleRows()) {
                stages.add(new TransposeStage(stage.layer, shape));
                rowsOut.add(false);
                sampleRows = false;
            }
            stages.add(stage);
            if (!(stage instanceof DropoutStage)) {
                sampleRows = false;
            }
            rowsOut.add(sampleRows);
            shape = stage.out;
        }

        private Param param(int l, String name) {
            Layer layer = net.getLayer(l);
            INDArray value = layer.getParam(name);
            if (value == null) {
                return null;
            }
            Map<String, INDArray> gradients =
                    layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), gradientView(l));
            return new Param(
                    value,
                    gradients.get(name),
                    layer.conf().getLayer().getUpdaterByParam(name),
                    blocks.gradientMask(l),
                    l + "_" + name);
        }

        /** Layer {@code l}'s slice of the network's gradient view (where DL4J's layers put their gradients). */
        private INDArray gradientView(int l) {
            long from = 0;
            for (int k = 0; k < l; k++) {
                from += net.getLayer(k).numParams();
            }
            return net.getGradientsViewArray()
                    .get(
                            NDArrayIndex.interval(0, 0, true),
                            NDArrayIndex.interval(from, from + net.getLayer(l).numParams()));
        }

        private static Pointwise activation(String name, org.nd4j.linalg.activations.IActivation f) {
            Pointwise p = Pointwise.of(f);
            if (p == null) {
                throw new Unsupported(name + " has activation " + f + ": the engine computes identity, tanh, relu, "
                        + "leaky relu and |x|");
            }
            return p;
        }

        private void dense(int l, Layer layer, String name) {
            org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                    (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
            if (conf.hasLayerNorm()) {
                throw new Unsupported(name + " has layer normalisation");
            }
            int nIn = (int) conf.getNIn();
            if (nIn != shape.size()) {
                throw new Unsupported(name + " takes " + nIn + " inputs, gets " + shape.size());
            }
            add(new DenseStage(
                    l,
                    nIn,
                    (int) conf.getNOut(),
                    param(l, "W"),
                    param(l, "b"),
                    activation(name, conf.getActivationFn()),
                    blocks.gradientMask(l)));
        }

        private void output(int l, Layer layer, String name) {
            org.deeplearning4j.nn.conf.layers.OutputLayer conf =
                    (org.deeplearning4j.nn.conf.layers.OutputLayer) layer.conf().getLayer();
            if (l != net.getnLayers() - 1
                    || !(conf.getActivationFn() instanceof ActivationSoftmax)
                    || !(conf.getLossFn() instanceof LossMCXENT loss)
                    || loss.getWeights() != null
                    || blocks.gradientMask(l) != null) {
                throw new Unsupported(name + ": the engine's output layer is the last, softmax with unweighted MCXENT");
            }
            add(new OutputStage(l, (int) conf.getNIn(), (int) conf.getNOut(), param(l, "W"), param(l, "b")));
        }

        private void norm(int l, Layer layer, String name) {
            org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                    (org.deeplearning4j.nn.conf.layers.BatchNormalization)
                            layer.conf().getLayer();
            if (conf.isLockGammaBeta()
                    || !conf.isMinibatch()
                    || (shape.plane() > 1 && conf.getCnn2DFormat() != CNN2DFormat.NCHW)) {
                throw new Unsupported(name + ": the engine's batch norm learns gamma and beta on NCHW minibatches");
            }
            add(new NormStage(
                    l,
                    shape,
                    param(l, BatchNormalizationParamInitializer.GAMMA),
                    param(l, BatchNormalizationParamInitializer.BETA),
                    param(l, BatchNormalizationParamInitializer.GLOBAL_MEAN),
                    param(
                            l,
                            conf.isUseLogStd()
                                    ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                                    : BatchNormalizationParamInitializer.GLOBAL_VAR),
                    conf.isUseLogStd(),
                    conf.getEps(),
                    conf.getDecay()));
        }

        private Window window(
                String name, int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode) {
            if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
                throw new Unsupported(name + " is dilated");
            }
            int[] out;
            int[] pad;
            if (mode == ConvolutionMode.Same) {
                out = new int[] {
                    (shape.height() + stride[0] - 1) / stride[0], (shape.width() + stride[1] - 1) / stride[1]
                };
                pad = ConvolutionUtils.getSameModeTopLeftPadding(
                        out, new int[] {shape.height(), shape.width()}, kernel, stride, dilation);
            } else if (mode == ConvolutionMode.Truncate) {
                pad = padding;
                out = new int[] {
                    Window.truncated(shape.height(), kernel[0], stride[0], pad[0]),
                    Window.truncated(shape.width(), kernel[1], stride[1], pad[1])
                };
            } else {
                throw new Unsupported(name + " has convolution mode " + mode);
            }
            if (out[0] < 1 || out[1] < 1) {
                throw new Unsupported(name + " has no output for input " + shape);
            }
            return new Window(
                    shape.channels(),
                    shape.height(),
                    shape.width(),
                    kernel[0],
                    kernel[1],
                    stride[0],
                    stride[1],
                    pad[0],
                    pad[1],
                    out[0],
                    out[1]);
        }

        private void conv(int l, Layer layer, String name) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf =
                    (org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                            layer.conf().getLayer();
            if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || conf.getNIn() != shape.channels()) {
                throw new Unsupported(name + ": the engine's convolutions take NCHW input of " + conf.getNIn()
                        + " channels, here " + shape);
            }
            Window w = window(
                    name,
                    conf.getKernelSize(),
                    conf.getStride(),
                    conf.getPadding(),
                    conf.getDilation(),
                    conf.getConvolutionMode());
            add(new ConvStage(
                    l,
                    w,
                    (int) conf.getNOut(),
                    param(l, "W"),
                    conf.hasBias() ? param(l, "b") : null,
                    activation(name, conf.getActivationFn())));
        }

        private void pool(int l, String name) {
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf =
                    (org.deeplearning4j.nn.conf.layers.SubsamplingLayer)
                            net.getLayer(l).conf().getLayer();
            if (conf.getPoolingType() != PoolingType.MAX
                    || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || conf.getConvolutionMode() != ConvolutionMode.Truncate
                    || Arrays.stream(conf.getPadding()).anyMatch(p -> p != 0)) {
                throw new Unsupported(
                        name + ": the engine's pooling is max pooling without padding, NCHW, Truncate mode");
            }
            add(new PoolStage(
                    l,
                    window(
                            name,
                            conf.getKernelSize(),
                            conf.getStride(),
                            conf.getPadding(),
                            conf.getDilation(),
                            conf.getConvolutionMode())));
        }
    }

    @Override
    public int points() {
        return firstStage.length - 1;
    }

    private void allocate(int rows) {
        if (rows == batch) {
            return;
        }
        batch = rows;
        act = new Columns[stages.size()];
        grad = new Columns[stages.size()];
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            stage.allocate(rows);
            act[s] = rowsOut[s]
                    ? Columns.allocateRows(rows, stage.out.size())
                    : Columns.allocate(stage.out.size(), rows);
            grad[s] = rowsOut[s]
                    ? Columns.allocateRows(rows, stage.out.size())
                    : Columns.allocate(stage.out.size(), rows);
        }
        signals = new INDArray[points()];
        for (int p = 0; p < signals.length; p++) {
            signals[p] = grad[lastStage[p]].asRows();
        }
    }

    private Columns in(int stage) {
        return stage == 0 ? input : act[stage - 1];
    }

    @Override
    public INDArray forward(INDArray x, INDArray labels, int iteration, int epoch) {
        run(x, labels, true, iteration, epoch);
        return output.probabilities().array;
    }

    /**
     * The softmax output of an inference-mode pass (batch norm on its running statistics, no dropout); {@link
     * #logits()} then holds its logits. Other sample counts than the steps' batch run in chunks of that batch, the last
     * padded with zero rows (each sample's output is its own in inference), so a test set needs no buffers of its own.
     */
    @Override
    public INDArray output(INDArray x) {
        int rows = (int) x.size(0);
        if (batch <= 0 || rows == batch) {
            run(x, null, false, net.getIterationCount(), net.getEpochCount());
            return output.probabilities().array;
        }
        int chunk = batch;
        INDArray p = Nd4j.createUninitialized(DataType.FLOAT, rows, output.out.size());
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, rows, output.out.size());
        long[] padded = x.shape().clone();
        padded[0] = chunk;
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            INDArray part = x.get(NDArrayIndex.interval(from, to));
            if (to - from < chunk) {
                INDArray full = Nd4j.zeros(x.dataType(), padded);
                full.get(NDArrayIndex.interval(0, to - from)).assign(part);
                part = full;
            }
            run(part, null, false, net.getIterationCount(), net.getEpochCount());
            p.get(NDArrayIndex.interval(from, to))
                    .assign(output.probabilities().array.get(NDArrayIndex.interval(0, to - from)));
            z.get(NDArrayIndex.interval(from, to))
                    .assign(output.logits().array.get(NDArrayIndex.interval(0, to - from)));
        }
        chunkedLogits = z;
        return p;
    }

    private void run(INDArray x, INDArray labels, boolean training, int iteration, int epoch) {
        chunkedLogits = null;
        input = Columns.ofRows(x);
        allocate(input.rows);
        pass.batch = input.rows;
        pass.training = training;
        pass.iteration = iteration;
        pass.epoch = epoch;
        output.setLabels(labels == null ? null : Columns.ofRows(labels));
        StageTimes timed = training ? times : null;
        for (int s = 0; s < stages.size(); s++) {
            long start = timed == null ? 0 : System.nanoTime();
            stages.get(s).forward(in(s), act[s], pass);
            if (timed != null) {
                timed.forward(s, System.nanoTime() - start);
            }
        }
        if (timed != null) {
            timed.step(input.rows);
        }
    }

    /** From now on, each training step's time per stage, in the returned (live) table. */
    public synchronized StageTimes timeStages() {
        if (times == null) {
            times = new StageTimes(stages);
        }
        return times;
    }

    /**
     * The output of DL4J layer {@code layer} in the last forward pass, one row per sample as DL4J's flattened layout has
     * it (a copy): for checks against DL4J's layers.
     */
    public INDArray activations(int layer) {
        int last = -1;
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s).layer == layer) {
                last = s;
            }
        }
        return act[last].asRows().dup('c');
    }

    @Override
    public INDArray logits() {
        return chunkedLogits != null ? chunkedLogits : output.logits().array;
    }

    @Override
    public INDArray error() {
        return output.error().array;
    }

    @Override
    public INDArray signal(int point) {
        return signals[point];
    }

    @Override
    public INDArray backward(int block, INDArray signal, Downward down, boolean inputGradient) {
        int last = lastStage[block];
        if (block < points() && signal != signals[block]) {
            signals[block].assign(signal.reshape('c', batch, signals[block].size(1)));
        }
        int first = firstStage[block];
        StageTimes timed = times;
        for (int s = last; s >= first; s--) {
            boolean needed = trainsBelow[s] || (inputGradient && s > 0);
            long start = timed == null ? 0 : System.nanoTime();
            stages.get(s).backward(in(s), act[s], grad[s], needed ? grad[s - 1] : null, down, pass);
            if (timed != null) {
                timed.backward(s, System.nanoTime() - start, needed);
            }
        }
        return inputGradient && block > 0 ? signals[block - 1] : null;
    }

    @Override
    public void forEachBlock(int n, IntConsumer task) {
        if (pool == null) {
            for (int block = n - 1; block >= 0; block--) {
                task.accept(block);
            }
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int block = n - 1; block >= 0; block--) {
            int b = block;
            tasks.add(() -> {
                task.accept(b);
                return null;
            });
        }
        try {
            for (var done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a concurrent backward pass", ex);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        }
    }

    @Override
    public void update(int iteration, int epoch, int batch) {
        if (pass.sgd) {
            return; // every parameter took its step in the backward pass
        }
        INDArray gradients = net.getGradientsViewArray();
        net.getUpdater()
                .update(net, new DefaultGradient(gradients), iteration, epoch, batch, LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(gradients.reshape(net.params().shape()));
    }

    @Override
    public String describe() {
        return "engine" + (pass.sgd ? "" : " (DL4J's updater)")
                + (blockThreads > 0 ? ", " + blockThreads + " block threads" : "");
    }
}
