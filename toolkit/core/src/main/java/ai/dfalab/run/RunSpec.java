package ai.dfalab.run;

import ai.dfalab.data.DataRequest;
import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.models.Networks;
import ai.dfalab.train.Rule;
import ai.dfalab.train.Updater;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One training run, fully described: data, network, learning rule, feedback, optimiser, length, seed. Immutable;
 * {@code withX(value)} returns a changed copy ({@link RunSpecBuilder} builds one from scratch). {@link #paper()} is the
 * paper's Table 2 "norm" row: CIFAR-10, FC 3x800 tanh, DFA with the normalised unified matrix, SUM scaling (the
 * authors' code), He init, plain SGD lr 5e-4, batch 128, 50 epochs, seed 0.
 *
 * @param trainLimit      train on the first {@code trainLimit} samples only (0: all); ImageNet: the first of one fixed
 *                        shuffle of {@code train/}, the same for every seed (its folders are sorted by class)
 * @param plateauPatience divide the learning rate by 10 when the test loss has not improved for more than this many
 *                        epochs (Table 3 uses 5); 0 keeps it constant, as everywhere else in the paper
 * @param testLimit       evaluate on the first {@code testLimit} test samples only (0: all); for CPU-scale runs of
 *                        networks whose full test pass costs more than their training. ImageNet: validation images
 *                        in the order of their names ({@code ILSVRC2012_val_<n>}), which mixes the classes
 */
@RecordBuilder
public record RunSpec(
        DatasetName dataset,
        ModelSpec model,
        Rule rule,
        FeedbackKind feedback,
        SignalScale scale,
        Updater updater,
        double learningRate,
        int epochs,
        int batch,
        long seed,
        int trainLimit,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int plateauPatience,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int testLimit)
        implements RunSpecBuilder.With {

    public RunSpec {
        if (plateauPatience < 0) {
            throw new IllegalArgumentException(
                    "plateauPatience must be >= 0 (0: constant learning rate), got " + plateauPatience);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("testLimit must be >= 0 (0: the whole test set), got " + testLimit);
        }
        if (epochs < 1 || batch < 1 || trainLimit < 0 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "need epochs >= 1, batch >= 1, trainLimit >= 0 and a finite learningRate > 0; got epochs=" + epochs
                            + " batch=" + batch + " trainLimit=" + trainLimit + " learningRate=" + learningRate);
        }
        if (model.headByBp() && rule != Rule.DFA) {
            throw new IllegalArgumentException(
                    "headByBp changes where DFA's feedback enters; rule " + rule + " has none");
        }
    }

    public static RunSpec paper() {
        return new RunSpec(
                DatasetName.CIFAR10,
                ModelSpec.fc3x800(),
                Rule.DFA,
                FeedbackKind.UNIFIED,
                SignalScale.SUM,
                Updater.SGD,
                5e-4,
                50,
                128,
                0,
                0,
                0,
                0);
    }

    /** The same run with its network changed, e.g. {@code spec.withModel(m -> m.withActivation("relu"))}. */
    public RunSpec withModel(UnaryOperator<ModelSpec> change) {
        return withModel(change.apply(model));
    }

    /** The network this run trains, initialised from its seed (ImageNet's classes read under {@code dataRoot}). */
    public BlockNetwork network(Path dataRoot) {
        return Networks.build(model, dataset, updater.create(learningRate), seed, dataRoot);
    }

    /** The data this run reads. */
    public DataRequest data() {
        return new DataRequest(
                dataset, trainLimit, testLimit, batch, model.architecture().takes224());
    }

    /** A short readable name, e.g. {@code cifar10 fc3x800 tanh dfa unified sum lr=5.0E-4 sgd seed=0}. */
    public String label() {
        return String.format(
                        Locale.ROOT,
                        "%s %s %s%s lr=%s %s seed=%d",
                        dataset.id(),
                        model.label(),
                        rule,
                        rule == Rule.DFA ? " " + feedback.id() + " " + scale.id() : "",
                        Double.toString(learningRate),
                        updater,
                        seed)
                + (trainLimit > 0 ? " n=" + trainLimit : "")
                + (plateauPatience > 0 ? " plateau=" + plateauPatience : "")
                + (testLimit > 0 ? " test=" + testLimit : "");
    }
}
