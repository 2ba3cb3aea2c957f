package ai.dfalab.train;

import ai.dfalab.backend.NativeMemory;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.engine.BlockPasses;
import ai.dfalab.train.engine.Engine;
import ai.dfalab.train.engine.StageTimes;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training steps of a network by a rule: the forward pass, then every block's backward pass from the signal the rule
 * gives its feedback point, then the updater. The steps run on the {@link Engine}; a network it cannot run trains
 * through DL4J's own layers, and {@link #path()} says why.
 */
public final class Learner {
    private final BlockNetwork net;
    private final TrainingRule rule;
    private final BlockPasses passes;
    private int epoch;
    private INDArray logits;

    private Learner(BlockNetwork net, TrainingRule rule, BlockPasses passes) {
        rule.check(net);
        this.net = net;
        this.rule = rule;
        this.passes = passes;
    }

    /** On the engine, or through DL4J's layers when the engine cannot run {@code net}. */
    public Learner(BlockNetwork net, TrainingRule rule) {
        this(net, rule, passes(net, 0));
    }

    private static BlockPasses passes(BlockNetwork net, int blockThreads) {
        try {
            return Engine.compile(net, blockThreads);
        } catch (Engine.Unsupported e) {
            return new LayerPasses(net, e.getMessage());
        }
    }

    /** Always through DL4J's layers and updater: the reference the engine is compared with. */
    public static Learner throughLayers(BlockNetwork net, TrainingRule rule) {
        return new Learner(net, rule, new LayerPasses(net, null));
    }

    /**
     * On the engine, whose blocks' backward passes run at once on {@code blockThreads} threads when the rule passes no
     * signal between blocks (DFA's backward unlocking); the same update as the sequential step.
     */
    public static Learner concurrentBlocks(BlockNetwork net, TrainingRule rule, int blockThreads) {
        return new Learner(net, rule, passes(net, blockThreads));
    }

    public BlockNetwork network() {
        return net;
    }

    public TrainingRule rule() {
        return rule;
    }

    /** Whether steps run on the engine. */
    public boolean onEngine() {
        return passes instanceof Engine;
    }

    /** From now on, the engine's time per stage of each step (a live table); an error when steps run elsewhere. */
    public StageTimes timeStages() {
        if (passes instanceof Engine engine) {
            return engine.timeStages();
        }
        throw new IllegalStateException("time per stage: only on the engine; this network's steps run on " + path());
    }

    /** How steps run: "engine", or "DL4J layers" and why. */
    public String path() {
        return passes.describe();
    }

    /** Trains on one batch ({@code x}: batch x features, {@code labels}: one-hot); returns the softmax output. */
    public INDArray step(INDArray x, INDArray labels) {
        NativeMemory.collectIfNeeded();
        MultiLayerNetwork m = net.net();
        int iteration = m.getIterationCount();
        INDArray output = passes.forward(x, labels, iteration, epoch);
        logits = passes.logits(); // before the update changes the weights that made them
        backward(passes, rule, null);
        passes.update(iteration, epoch, (int) x.size(0));
        m.setIterationCount(iteration + 1);
        return output;
    }

    /**
     * An inference-mode pass (dropout off, batch norm on its running statistics) on the path the steps take, the
     * engine's or DL4J's layers: the softmax output; {@link #outputLogits()} then gives its logits.
     */
    public INDArray output(INDArray x) {
        return passes.output(x);
    }

    /** The pre-softmax values of the latest {@link #output}. */
    public INDArray outputLogits() {
        return passes.logits();
    }

    /** The pre-softmax output of the latest {@link #step} (for a stable loss; overwritten by the next step). */
    public INDArray logits() {
        return logits;
    }

    /**
     * The backward pass of every block (eq. 2 and 3): the last block from the true gradient, every other from the
     * signal the rule gives its feedback point. Blocks that pass nothing down run unlocked. Keeps each point's signal
     * in {@code record} when it is not null.
     */
    private static void backward(BlockPasses passes, TrainingRule rule, INDArray[] record) {
        int last = passes.points();
        if (rule.passesDown()) {
            INDArray down = passes.backward(last, null, rule, last > 0);
            for (int block = last - 1; block >= 0; block--) {
                INDArray t = rule.signal(block, passes.error(), down, passes.signal(block));
                keep(record, block, t);
                down = passes.backward(block, t, rule, block > 0);
            }
        } else {
            passes.forEachBlock(last + 1, block -> {
                INDArray t = block == last ? null : rule.signal(block, passes.error(), null, passes.signal(block));
                keep(record, block, t);
                passes.backward(block, t, rule, false);
            });
        }
    }

    private static void keep(INDArray[] record, int point, INDArray signal) {
        if (record != null && point < record.length) {
            record[point] = signal.dup();
        }
    }

    /** Every feedback point's signal under {@code rule} after the forward pass {@code passes} ran (no update). */
    static INDArray[] signals(BlockPasses passes, TrainingRule rule) {
        INDArray[] record = new INDArray[passes.points()];
        backward(passes, rule, record);
        return record;
    }

    /**
     * The rule's gradients for one batch through DL4J's layers, summed over the batch into the network's gradient
     * view, without a step: for checks against independent references.
     */
    static void gradients(BlockNetwork net, TrainingRule rule, INDArray x, INDArray labels) {
        LayerPasses passes = new LayerPasses(net, null);
        passes.forward(x, labels, net.net().getIterationCount(), 0);
        backward(passes, rule, null);
    }

    /** Epoch counter handed to the updater (for schedules). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        net.net().setEpochCount(epoch);
    }
}
