package ai.dfalab.experiments;

import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.CnnSpec;
import ai.dfalab.models.FcSpec;
import ai.dfalab.models.Init;
import ai.dfalab.train.SignalScale;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * One training run, fully described: data, model, learning rule, feedback, optimiser, length, seed. Immutable;
 * each {@code name(value)} method returns a changed copy, {@code name()} reads the value. Defaults are the paper's
 * Table 2 "norm" row: CIFAR-10, FC 3x800 tanh, DFA with the normalised unified matrix, SUM scaling (the authors'
 * code), He init, plain SGD lr 5e-4, batch 128, 50 epochs, seed 0.
 *
 * @param trainLimit  train on the first {@code trainLimit} samples only (0: all); ImageNet: the first of one fixed
 *                    shuffle of {@code train/}, the same for every seed (its folders are sorted by class)
 * @param bottleneckK     figure 4: trainable units of the second hidden layer (-1: no bottleneck)
 * @param headByBp        the last hidden block learns by BP through the output layer (no feedback point there): the
 *                        authors' CNN code does this for its 128 -> 10 classifier
 * @param plateauPatience divide the learning rate by 10 when the test loss has not improved for more than this many
 *                        epochs (Table 3 uses 5); 0 keeps it constant, as everywhere else in the paper
 * @param testLimit       evaluate on the first {@code testLimit} test samples only (0: all); for CPU-scale runs of
 *                        networks whose full test pass costs more than their training. ImageNet: validation images
 *                        in the order of their names ({@code ILSVRC2012_val_<n>}), which mixes the classes
 */
public record RunSpec(DatasetName dataset, String model, String rule, String activation, boolean batchNorm,
                      double inputDropout, double hiddenDropout, FeedbackKind feedback, SignalScale scale, Init init,
                      String updater, double learningRate, int epochs, int batch, long seed, int trainLimit,
                      int bottleneckK,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean headByBp,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int plateauPatience,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int testLimit) {

    public RunSpec {
        if (!Networks.MODELS.contains(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "': expected one of " + Networks.MODELS);
        }
        if (plateauPatience < 0) {
            throw new IllegalArgumentException("plateauPatience must be >= 0 (0: constant learning rate), got " + plateauPatience);
        }
        if (!rule.equals("bp") && !rule.equals("dfa")) {
            throw new IllegalArgumentException("unknown rule '" + rule + "': expected bp or dfa");
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("testLimit must be >= 0 (0: the whole test set), got " + testLimit);
        }
        if (epochs < 0 || batch < 1 || trainLimit < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("need epochs >= 0, batch >= 1, trainLimit >= 0 and learningRate > 0; got epochs="
                    + epochs + " batch=" + batch + " trainLimit=" + trainLimit + " learningRate=" + learningRate);
        }
        Updaters.create(updater, learningRate);
        ai.dfalab.models.Activations.parse(activation);
        if (!(inputDropout >= 0 && inputDropout < 1 && hiddenDropout >= 0 && hiddenDropout < 1)) {
            throw new IllegalArgumentException("dropout rates must be in [0, 1), got input=" + inputDropout + " hidden=" + hiddenDropout);
        }
        if (model.equals("cnn") && bottleneckK >= 0) {
            throw new IllegalArgumentException("bottleneckK=" + bottleneckK + " applies to fc3x800 only (figure 4); the cnn model has no bottleneck (use -1)");
        }
        if (bottleneckK > 800) {
            throw new IllegalArgumentException("bottleneckK=" + bottleneckK + " exceeds the 800 units of the layer");
        }
    }

    public static RunSpec paper() {
        return new RunSpec(DatasetName.CIFAR10, "fc3x800", "dfa", "tanh", false, 0, 0, FeedbackKind.UNIFIED,
                SignalScale.SUM, Init.HE, "sgd", 5e-4, 50, 128, 0, 0, -1, false, 0, 0);
    }

    /** The network this run trains. */
    public FcSpec toModel() {
        FcSpec spec = (dataset == DatasetName.MNIST ? FcSpec.fc3x800Mnist() : FcSpec.fc3x800Cifar10())
                .withClasses(dataset == DatasetName.CIFAR100 ? 100 : 10).withActivation(activation).withBatchNorm(batchNorm).withDropout(inputDropout, hiddenDropout)
                .withInit(init).withUpdater(Updaters.create(updater, learningRate)).withSeed(seed);
        return bottleneckK >= 0 ? spec.withBottleneck(1, bottleneckK) : spec;
    }

    /**
     * The Table 4 CNN this run trains (CIFAR-10 3x32x32, or MNIST 1x28x28): {@code inputDropout} is spatial on the
     * input channels and {@code hiddenDropout} element-wise on the 128-unit layer, as in the authors' DO rows.
     */
    public CnnSpec toCnn() {
        CnnSpec spec = CnnSpec.table4();
        if (dataset == DatasetName.MNIST) {
            spec = spec.withInput(1, 28);
        }
        return spec.withActivation(activation).withBatchNorm(batchNorm).withDropout(inputDropout, 0, hiddenDropout)
                .withHeadByBp(headByBp).withInit(init).withUpdater(Updaters.create(updater, learningRate)).withSeed(seed);
    }

    /** A short readable name, e.g. {@code cifar10 fc3x800 dfa tanh unified sum lr=5e-4 seed=0}. */
    public String label() {
        return String.format(Locale.ROOT, "%s %s %s %s%s%s%s lr=%s %s seed=%d%s%s", dataset.name().toLowerCase(Locale.ROOT), model,
                rule, activation, batchNorm ? " bn" : "", inputDropout > 0 || hiddenDropout > 0
                        ? " do(" + inputDropout + "," + hiddenDropout + ")" : "",
                rule.equals("dfa") ? " " + feedback.id() + " " + scale.name().toLowerCase(Locale.ROOT) : "",
                Double.toString(learningRate), updater, seed, trainLimit > 0 ? " n=" + trainLimit : "",
                bottleneckK >= 0 ? " k=" + bottleneckK : "") + (headByBp ? " head-bp" : "")
                + (plateauPatience > 0 ? " plateau=" + plateauPatience : "") + (testLimit > 0 ? " test=" + testLimit : "");
    }

    public RunSpec dataset(DatasetName v) {
        return new RunSpec(v, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    /** A model by its {@link Networks} name. */
    public RunSpec model(String v) {
        return new RunSpec(dataset, v, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec rule(String v) {
        return new RunSpec(dataset, model, v, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec activation(String v) {
        return new RunSpec(dataset, model, rule, v, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec batchNorm(boolean v) {
        return new RunSpec(dataset, model, rule, activation, v, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    /** Drop rates on the input and after each hidden linear layer. */
    public RunSpec dropout(double input, double hidden) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, input, hidden, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec feedback(FeedbackKind v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, v, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec scale(SignalScale v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, v, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec init(Init v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, v, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    /** A DL4J updater by name ({@code sgd}, {@code momentum}, {@code nesterovs}, {@code adam}, {@code rmsprop}, {@code adagrad}). */
    public RunSpec updater(String v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, v, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec learningRate(double v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, v, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec epochs(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, v, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec batch(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, v, seed, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec seed(long v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, v, trainLimit, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec trainLimit(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, v, bottleneckK, headByBp, plateauPatience, testLimit);
    }

    public RunSpec headByBp(boolean v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, v, plateauPatience, testLimit);
    }

    public RunSpec plateauPatience(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, v, testLimit);
    }

    public RunSpec bottleneckK(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, v, headByBp, plateauPatience, testLimit);
    }

    public RunSpec testLimit(int v) {
        return new RunSpec(dataset, model, rule, activation, batchNorm, inputDropout, hiddenDropout, feedback, scale, init, updater, learningRate, epochs, batch, seed, trainLimit, bottleneckK, headByBp, plateauPatience, v);
    }
}
