package ai.dfalab.cli;

import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.layers.Init;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.ModelSpec;
import ai.dfalab.run.ConsoleProgress;
import ai.dfalab.run.Experiment;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import ai.dfalab.run.RunSpecBuilder;
import ai.dfalab.train.Rule;
import ai.dfalab.train.Updater;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains one network and prints progress per epoch, then a JSON summary as the last line. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a network with BP or DFA; progress per epoch, then one JSON line with the results.",
            "Finished runs are stored under --results and reused; an interrupted run resumes at its last finished epoch."
        },
        footer = {
            "Exit status: 0 trained, 2 a bad option, 3 the run diverged (stored as such, \"status\": \"diverged\")."
        })
final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--dataset",
            defaultValue = "cifar10",
            converter = Choices.Datasets.class,
            completionCandidates = Choices.Datasets.class,
            description =
                    "${COMPLETION-CANDIDATES} (imagenet: streamed from imagenet/, with a 224x224 model) (default: ${DEFAULT-VALUE})")
    DatasetName dataset;

    @Option(
            names = "--model",
            defaultValue = "fc3x800",
            converter = Choices.Models.class,
            completionCandidates = Choices.Models.class,
            description =
                    "${COMPLETION-CANDIDATES}: the paper's FC 3x800, Table 4's CNN, VGG-16 at 224x224 or 32x32 (-small), "
                            + "-wN with 1/N of the filters, a tiny 224x224 network (default: ${DEFAULT-VALUE})")
    Architecture model;

    @Option(
            names = "--head-bp",
            description =
                    "the last hidden block learns by BP through the output layer (no feedback point there), as the authors' CNN code")
    boolean headByBp;

    @Option(
            names = "--rule",
            defaultValue = "dfa",
            converter = Choices.Rules.class,
            completionCandidates = Choices.Rules.class,
            description = "${COMPLETION-CANDIDATES} (fa: dense stacks only) (default: ${DEFAULT-VALUE})")
    Rule rule;

    @Option(
            names = "--activation",
            defaultValue = "tanh",
            converter = Values.Activation.class,
            description = "tanh, relu, lrelu:SLOPE (a finite slope) or abs, in any case (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(
            names = "--feedback",
            defaultValue = "unified",
            converter = Choices.Feedbacks.class,
            completionCandidates = Choices.Feedbacks.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    FeedbackKind feedback;

    @Option(
            names = "--scale",
            defaultValue = "sum",
            converter = Choices.Scales.class,
            completionCandidates = Choices.Scales.class,
            description =
                    "DFA signal over the batch: ${COMPLETION-CANDIDATES} (sum: the authors' code) (default: ${DEFAULT-VALUE})")
    SignalScale scale;

    @Option(
            names = "--batch-norm",
            description = "batch normalisation after each hidden activation (2-D after the CNN's convolutions)")
    boolean batchNorm;

    @Option(
            names = "--dropout",
            defaultValue = "0,0",
            split = ",",
            converter = Values.DropRate.class,
            description =
                    "drop rates INPUT,HIDDEN in [0, 1) of fc3x800 and cnn (cnn: spatial on the input channels, element-wise on its 128 units); "
                            + "the other models take none (default: ${DEFAULT-VALUE})")
    double[] dropout;

    @Option(
            names = "--init",
            defaultValue = "he",
            converter = Choices.Inits.class,
            completionCandidates = Choices.Inits.class,
            description =
                    "${COMPLETION-CANDIDATES} (he: the paper's text, pytorch: the authors' code) (default: ${DEFAULT-VALUE})")
    Init init;

    @Option(
            names = "--updater",
            defaultValue = "sgd",
            converter = Choices.Updaters.class,
            completionCandidates = Choices.Updaters.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Updater updater;

    @Option(
            names = "--epochs",
            defaultValue = "1",
            converter = Values.AtLeastOne.class,
            description = "(default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--lr",
            defaultValue = "5e-4",
            converter = Values.LearningRate.class,
            description = "learning rate, > 0 and <= 1 (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--batch",
            defaultValue = "128",
            converter = Values.AtLeastOne.class,
            description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--train-limit",
            defaultValue = "0",
            converter = Values.AtLeastZero.class,
            description = "train on the first N samples only (0: all)")
    int trainLimit;

    @Option(
            names = "--results",
            defaultValue = "results/runs",
            description = "folder of stored runs (default: ${DEFAULT-VALUE})")
    Path results;

    @Spec
    CommandSpec command;

    /** Exit status of a run that diverged: its result is stored, but it is not a trained network. */
    static final int DIVERGED = 3;

    @Override
    public Integer call() {
        RunResult result = new Experiment(new ResultStore(results), new ConsoleProgress()).run(spec());
        System.out.println(Json.line(summary(result)));
        return result.diverged() ? DIVERGED : 0;
    }

    /** The JSON line: status first; a run that diverged has no accuracy (null) and says where it diverged. */
    static Map<String, Object> summary(RunResult result) {
        boolean measured = !result.epochs().isEmpty();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", result.status().id());
        if (result.diverged()) {
            summary.put("divergence", result.describe());
        }
        summary.put("test_accuracy", result.diverged() ? null : result.testAccuracy());
        summary.put(
                "test_accuracy_exact", result.diverged() ? null : result.last().testAccuracyExact());
        summary.put("train_accuracy", result.diverged() ? null : result.trainAccuracy());
        summary.put("alignment", measured ? result.alignment() : null);
        summary.put("alignment_std", measured ? result.last().alignmentStd() : null);
        summary.put(
                "steps_per_second",
                result.epochs().stream()
                        .mapToDouble(e -> e.stepsPerSecond())
                        .average()
                        .orElse(Double.NaN));
        summary.put("epochs", result.epochs());
        summary.put("spec", result.spec());
        summary.put("provenance", result.provenance());
        return summary;
    }

    /** The run the flags describe; a flag whose value this model or rule cannot take is an error naming it. */
    RunSpec spec() {
        if (dropout.length != 2) {
            throw new ParameterException(
                    command.commandLine(),
                    "--dropout: got " + dropout.length + " values " + rates() + ", expected 2: INPUT,HIDDEN");
        }
        if (!takesDropout(model) && (dropout[0] != 0 || dropout[1] != 0)) {
            throw new ParameterException(
                    command.commandLine(),
                    "--dropout: " + model + " takes no dropout, got " + rates()
                            + " (fc3x800 and cnn take INPUT,HIDDEN)");
        }
        if (trainLimit > 0 && batch > trainLimit) {
            throw new ParameterException(
                    command.commandLine(),
                    "--batch " + batch + " is larger than --train-limit " + trainLimit + ": no full batch to train on");
        }
        if (rule == Rule.FA && (model != Architecture.FC3X800 || batchNorm)) {
            throw new ParameterException(
                    command.commandLine(),
                    "--rule fa: feedback alignment takes plain dense stacks (fc3x800 without --batch-norm), not "
                            + model + (batchNorm ? " with --batch-norm" : ""));
        }
        if (headByBp && rule != Rule.DFA) {
            throw new ParameterException(
                    command.commandLine(),
                    "--head-bp changes where DFA's feedback enters: it needs --rule dfa, got " + rule);
        }
        ModelSpec network = ModelSpec.of(model)
                .withActivation(activation)
                .withBatchNorm(batchNorm)
                .withDropout(dropout[0], dropout[1])
                .withInit(init)
                .withHeadByBp(headByBp);
        return RunSpecBuilder.builder(RunSpec.paper())
                .dataset(dataset)
                .model(network)
                .rule(rule)
                .feedback(feedback)
                .scale(scale)
                .updater(updater)
                .learningRate(lr)
                .epochs(epochs)
                .batch(batch)
                .seed(seed)
                .trainLimit(trainLimit)
                .build();
    }

    private static boolean takesDropout(Architecture a) {
        return a == Architecture.FC3X800 || a == Architecture.CNN;
    }

    private String rates() {
        return Arrays.stream(dropout).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
