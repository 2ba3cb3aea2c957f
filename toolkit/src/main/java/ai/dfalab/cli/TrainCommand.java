package ai.dfalab.cli;

import ai.dfalab.data.DatasetName;
import ai.dfalab.experiments.ConsoleProgress;
import ai.dfalab.experiments.Experiment;
import ai.dfalab.experiments.ResultStore;
import ai.dfalab.experiments.RunResult;
import ai.dfalab.experiments.RunSpec;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Init;
import ai.dfalab.train.SignalScale;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one network and prints progress per epoch, then a JSON summary as the last line. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network with BP or DFA; progress per epoch, then one JSON line with the results.",
            "Finished runs are stored under --results and reused; an interrupted run resumes at its last finished epoch."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "cifar10", description = "mnist, cifar10, cifar100 or imagenet (streamed from imagenet/, with a 224x224 model) (default: ${DEFAULT-VALUE})")
    String dataset;
    @Option(names = "--model", defaultValue = "fc3x800", description = "fc3x800, cnn (Table 4's CNN), vgg16 (224x224), vgg16-wN, vgg16-small(-wN) (32x32) or tiny224 (default: ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--head-bp", description = "the last hidden block learns by BP through the output layer (no feedback point there), as the authors' CNN code")
    boolean headByBp;
    @Option(names = "--rule", defaultValue = "dfa", description = "bp or dfa (default: ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--activation", defaultValue = "tanh", description = "tanh, relu, lrelu:SLOPE or abs (default: ${DEFAULT-VALUE})")
    String activation;
    @Option(names = "--feedback", defaultValue = "unified", description = "unified, unified-nonorm, per-layer, seeded, seeded-nonorm or structured (default: ${DEFAULT-VALUE})")
    String feedback;
    @Option(names = "--scale", defaultValue = "sum", description = "DFA signal over the batch: sum (authors' code) or mean (default: ${DEFAULT-VALUE})")
    String scale;
    @Option(names = "--batch-norm", description = "batch normalisation after each hidden activation (2-D after the CNN's convolutions)")
    boolean batchNorm;
    @Option(names = "--dropout", defaultValue = "0,0", split = ",", description = "drop rates INPUT,HIDDEN; cnn: spatial on the input channels, element-wise on its 128 units (default: ${DEFAULT-VALUE})")
    double[] dropout;
    @Option(names = "--init", defaultValue = "he", description = "he (paper) or pytorch (authors' code) (default: ${DEFAULT-VALUE})")
    String init;
    @Option(names = "--updater", defaultValue = "sgd", description = "sgd, nesterovs, adam, rmsprop, adagrad (default: ${DEFAULT-VALUE})")
    String updater;
    @Option(names = "--epochs", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--lr", defaultValue = "5e-4", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--batch", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--train-limit", defaultValue = "0", description = "train on the first N samples only (0: all)")
    int trainLimit;
    @Option(names = "--results", defaultValue = "results/runs", description = "folder of stored runs (default: ${DEFAULT-VALUE})")
    Path results;

    @Override
    public Integer call() {
        RunSpec spec = RunSpec.paper().model(model)
                .dataset(DatasetName.valueOf(dataset.toUpperCase(Locale.ROOT).replace("-", "")))
                .rule(rule).activation(activation).feedback(FeedbackKind.parse(feedback)).scale(SignalScale.parse(scale))
                .batchNorm(batchNorm).dropout(dropout[0], dropout.length > 1 ? dropout[1] : 0).init(Init.parse(init))
                .updater(updater).learningRate(lr).epochs(epochs).batch(batch).seed(seed).trainLimit(trainLimit)
                .headByBp(headByBp);
        RunResult result = new Experiment(new ResultStore(results), new ConsoleProgress()).run(spec);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("test_accuracy", result.testAccuracy());
        summary.put("test_accuracy_exact", result.last().testAccuracyExact());
        summary.put("train_accuracy", result.trainAccuracy());
        summary.put("alignment", result.alignment());
        summary.put("alignment_std", result.last().alignmentStd());
        summary.put("steps_per_second", result.epochs().stream().mapToDouble(e -> e.stepsPerSecond()).average().orElse(Double.NaN));
        summary.put("epochs", result.epochs());
        summary.put("spec", result.spec());
        summary.put("provenance", result.provenance());
        System.out.println(Json.line(summary));
        return 0;
    }
}
