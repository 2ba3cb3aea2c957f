package ai.dfalab.fit;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.CrossEntropy;
import ai.dfalab.train.Learner;
import ai.dfalab.train.Rule;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains any DL4J {@link MultiLayerNetwork} by DFA (or FA, or BP) the way {@code net.fit(iterator)} trains it by BP:
 * epochs over a {@link DataSetIterator}, the network's own {@link TrainingListener}s called as {@code fit} calls them
 * (epoch start and end, every iteration, with the batch's loss as the score), its updater and parameters used in
 * place; so {@code net.evaluate}, DL4J's listeners and {@code ModelSerializer} work on the result unchanged.
 *
 * <pre>{@code
 * DfaTrainer.forNetwork(net).build().fit(trainIterator, 5);                 // DFA, unified normalised feedback
 * DfaTrainer.forNetwork(net).rule(Rule.BP).build().fit(trainIterator, 5);   // the same loop by backpropagation
 * }</pre>
 *
 * Feedback points default to every hidden block's output (after its activation, batch norm, dropout, pooling: the
 * paper's placement); {@link Builder#points} gives others, checked. The feedback matrix and the DFA learning path are
 * fixed when the first batch shows the input's shape.
 */
public final class DfaTrainer {
    private final MultiLayerNetwork net;
    private final Rule rule;
    private final FeedbackKind feedbackKind;
    private final SignalScale scale;
    private final int[] points;
    private final long seed;
    private final PrintStream log;
    private final boolean layersOnly;
    private final boolean quiet;
    private BlockNetwork blocks;
    private Feedback feedback;
    private Learner learner;
    private int learnerEpoch = -1;

    private DfaTrainer(Builder b) {
        this.net = b.net;
        this.rule = b.rule;
        this.feedbackKind = b.feedback;
        this.scale = b.scale;
        this.points = b.points == null
                ? FeedbackPoints.everyBlock(net.getLayerWiseConfigurations())
                : FeedbackPoints.check(net.getLayerWiseConfigurations(), b.points);
        this.seed = b.seed;
        this.log = b.log;
        this.layersOnly = b.layersOnly;
        this.quiet = b.quiet;
    }

    /**
     * A trainer for {@code net} (initialised or not); with no option, DFA through the paper's unified normalised
     * feedback matrix at every hidden block, its signal averaged over the batch.
     */
    public static Builder forNetwork(MultiLayerNetwork net) {
        return new Builder(net);
    }

    /** Trains {@code net} by DFA with the defaults for {@code epochs} passes over {@code data}. */
    public static void fit(MultiLayerNetwork net, DataSetIterator data, int epochs) {
        forNetwork(net).build().fit(data, epochs);
    }

    /** Options: the rule, the feedback's kind and scale, the points, the seed of the feedback matrix. */
    public static final class Builder {
        private final MultiLayerNetwork net;
        private Rule rule = Rule.DFA;
        private FeedbackKind feedback = FeedbackKind.UNIFIED;
        private SignalScale scale = SignalScale.MEAN;
        private int[] points;
        private long seed;
        private PrintStream log = System.out;
        private boolean layersOnly;
        private boolean quiet;

        private Builder(MultiLayerNetwork net) {
            this.net = net;
        }

        /** DFA (default), FA (dense stacks only) or BP. */
        public Builder rule(Rule r) {
            this.rule = r;
            return this;
        }

        /** How the feedback matrix is drawn (default: the unified matrix of eq. 7-8). */
        public Builder feedback(FeedbackKind kind) {
            this.feedback = kind;
            return this;
        }

        /**
         * The DFA signal averaged over the batch like the output layer's gradient (default: a learning rate tuned for
         * BP stays in range), or summed, as the authors' code does at its small plain-SGD learning rate.
         */
        public Builder scale(SignalScale s) {
            this.scale = s;
            return this;
        }

        /** DL4J layer indices whose outputs are feedback points, ascending, each the last layer of its block. */
        public Builder points(int... layers) {
            this.points = layers.clone();
            return this;
        }

        /** Seed of the feedback matrix (and of FA's matrices). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Always through DL4J's own layers, even where the fast engine could run the network (to compare them). */
        public Builder throughDl4jLayers() {
            this.layersOnly = true;
            return this;
        }

        /** No progress: neither the epoch lines nor, in a notebook, the live display. */
        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        /** Where the line saying how the network trains goes, and the epoch lines (default: standard output). */
        public Builder log(PrintStream out) {
            this.log = out;
            return this;
        }

        public DfaTrainer build() {
            return new DfaTrainer(this);
        }
    }

    /** The feedback points, DL4J layer indices. */
    public int[] points() {
        return points.clone();
    }

    /** Trains for {@code epochs} passes over {@code data}, calling the network's listeners as {@code fit} does. */
    public void fit(DataSetIterator data, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        Collection<TrainingListener> listeners = net.getListeners();
        TrainingProgress progress = TrainingProgress.create(rule.toString().toUpperCase(), epochs, log, quiet);
        for (int e = 0; e < epochs; e++) {
            if (!data.hasNext() && data.resetSupported()) {
                data.reset(); // as net.fit(iterator) does: each pass starts where the iterator stands
            }
            listeners.forEach(l -> l.onEpochStart(net));
            progress.epochStarted(e);
            while (data.hasNext()) {
                step(data.next(), listeners);
                progress.stepDone(e, net.score());
            }
            listeners.forEach(l -> l.onEpochEnd(net));
            net.incrementEpochCount();
            progress.epochDone(e);
        }
    }

    /** One update on one batch: the rule's gradients, the network's updater; then the listeners. */
    private void step(DataSet batch, Collection<TrainingListener> listeners) {
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        if (learner == null) {
            start(x);
        }
        if (learnerEpoch != net.getEpochCount()) {
            learnerEpoch = net.getEpochCount();
            learner.setEpoch(learnerEpoch); // for the updater's schedules
        }
        net.setInput(x); // what DL4J's listeners read back (batch size, for one)
        net.setLabels(y);
        learner.step(x, y);
        net.setScore(CrossEntropy.sum(learner.logits(), y) / x.size(0));
        listeners.forEach(l -> l.onGradientCalculation(net));
        listeners.forEach(l -> l.onBackwardPass(net));
        int iteration = net.getIterationCount() - 1; // the learner counted this step
        listeners.forEach(l -> l.iterationDone(net, iteration, net.getEpochCount()));
    }

    /** The block network, feedback and learner, once the first batch shows the input's shape. */
    private void start(INDArray firstBatch) {
        if (!net.isInitCalled()) {
            net.init();
        }
        long[] inputShape = Arrays.copyOfRange(firstBatch.shape(), 1, firstBatch.rank());
        blocks = new BlockNetwork(net, points, inputShape);
        feedback = feedbackKind.create(blocks.pointSizes(), blocks.classes(), seed);
        var trainingRule = rule.create(blocks, feedback, scale, seed);
        learner = layersOnly ? Learner.throughLayers(blocks, trainingRule) : new Learner(blocks, trainingRule);
        log.println("DFA Lab: " + rule + " on " + blocks.points() + " feedback points (layers "
                + Arrays.toString(points) + "), on " + learner.path());
    }

    private Learner learner() {
        if (learner == null) {
            throw new IllegalStateException("the learner starts with the first batch");
        }
        return learner;
    }

    /** The network cut at its feedback points (after the first batch). */
    public BlockNetwork blocks() {
        learner();
        return blocks;
    }

    /** The feedback matrix in use (after the first batch). */
    public Feedback feedback() {
        learner();
        return feedback;
    }
}
