package ai.dfalab.train;

import ai.dfalab.backend.NativeMemory;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.dense.DenseEngine;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step: the rule's gradients, then the network's DL4J updater (plain SGD in the paper, any DL4J
 * updater otherwise), exactly as DL4J's own {@code fit} applies it. Plain dense networks under SGD take the
 * {@link DenseEngine} fast path, which computes the same step (tested to agree).
 */
public final class Learner {
    private final BlockNetwork net;
    private final TrainingRule rule;
    private final DenseEngine engine;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private int epoch;
    private INDArray logits;

    private Learner(BlockNetwork net, TrainingRule rule, DenseEngine engine) {
        this.net = net;
        this.rule = rule;
        this.engine = engine;
    }

    /** The fastest correct learner: the dense fast path where it applies, DL4J's layers otherwise. */
    public Learner(BlockNetwork net, TrainingRule rule) {
        this(net, rule, engine(net, rule, 0));
    }

    /** The dense fast path for BP and DFA where the network allows it, else null. */
    private static DenseEngine engine(BlockNetwork net, TrainingRule rule, int blockThreads) {
        if (rule instanceof Backprop) {
            return DenseEngine.create(net, null, null, blockThreads);
        }
        return rule instanceof DirectFeedbackAlignment d
                ? DenseEngine.create(net, d.feedback(), d.scale(), blockThreads)
                : null;
    }

    /** Always through DL4J's layers and updater (for comparisons and checks). */
    public static Learner throughLayers(BlockNetwork net, TrainingRule rule) {
        return new Learner(net, rule, null);
    }

    /**
     * DFA's block updates run concurrently on {@code blockThreads} threads (backward unlocking), on the dense fast path
     * where it applies and through DL4J's layers otherwise (conv networks); the same update as the sequential step.
     */
    public static Learner concurrentBlocks(BlockNetwork net, TrainingRule rule, int blockThreads) {
        DenseEngine engine = engine(net, rule, blockThreads);
        if (engine == null && rule instanceof DirectFeedbackAlignment d && blockThreads > 0) {
            return new Learner(net, new DirectFeedbackAlignment(d.feedback(), d.scale(), blockThreads), null);
        }
        return new Learner(net, rule, engine);
    }

    /** Dense fast path with ND4J's element-wise ops instead of the Vector API kernels (for comparisons). */
    public static Learner portableFastPath(BlockNetwork net, TrainingRule rule) {
        DenseEngine portable = rule instanceof Backprop
                ? DenseEngine.createPortable(net, null, null)
                : rule instanceof DirectFeedbackAlignment d
                        ? DenseEngine.createPortable(net, d.feedback(), d.scale())
                        : null;
        return new Learner(net, rule, portable);
    }

    public BlockNetwork network() {
        return net;
    }

    public TrainingRule rule() {
        return rule;
    }

    /** Whether steps take the dense fast path. */
    public boolean fastPath() {
        return engine != null;
    }

    /** Trains on one batch ({@code x}: batch x features, {@code labels}: one-hot); returns the softmax output. */
    public INDArray step(INDArray x, INDArray labels) {
        MultiLayerNetwork m = net.net();
        NativeMemory.collectIfNeeded();
        if (engine != null) {
            INDArray output = engine.step(x, labels, m.getIterationCount(), epoch);
            logits = engine.logits();
            return output;
        }
        INDArray output = rule.computeGradients(net, x, labels);
        logits = net.outputLogits(); // before the update changes the weights that made them
        INDArray gradients = m.getGradientsViewArray();
        m.getUpdater()
                .update(m, new DefaultGradient(gradients), m.getIterationCount(), epoch, (int) x.size(0), workspaces);
        m.params().subi(gradients.reshape(m.params().shape()));
        m.setIterationCount(m.getIterationCount() + 1);
        return output;
    }

    /** The pre-softmax output of the latest {@link #step} (for a stable loss; overwritten by the next step). */
    public INDArray logits() {
        return logits;
    }

    /** Epoch counter handed to the updater (for schedules). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        net.net().setEpochCount(epoch);
    }
}
