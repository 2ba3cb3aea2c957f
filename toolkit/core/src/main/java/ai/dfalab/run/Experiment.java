package ai.dfalab.run;

import ai.dfalab.backend.Backend;
import ai.dfalab.data.Batch;
import ai.dfalab.data.DataLocation;
import ai.dfalab.data.TrainingData;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.layers.SeededDropout;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.probe.Alignment;
import ai.dfalab.probe.AlignmentProbe;
import ai.dfalab.train.Learner;
import ai.dfalab.train.PlateauSchedule;
import ai.dfalab.train.TrainingRule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link RunSpec}: shuffles each epoch from the seed, trains on full batches (the last partial batch is
 * dropped, as the authors' loader does), evaluates, probes alignment, and stores the result after every epoch, so
 * a finished run is reused and an interrupted one resumes from its last finished epoch with the same outcome.
 * With a plateau patience, the learning rate between epochs follows {@link PlateauSchedule} on the test losses so far
 * (replayed from the stored epochs on a resume). MNIST and CIFAR are held in memory, ImageNet is streamed from disk
 * ({@link TrainingData}).
 */
public final class Experiment {
    /** Alignment is measured on this many test images, the first ones (the authors' protocol). */
    public static final int PROBE_SAMPLES = 128;

    private final ResultStore store;
    private final Progress progress;
    private final boolean keepWeights;
    private final Path dataRoot;

    /** Runs stored in {@code store}, reading the data sets under {@link DataLocation#root()}. */
    public Experiment(ResultStore store, Progress progress) {
        this(store, progress, false, DataLocation.root());
    }

    private Experiment(ResultStore store, Progress progress, boolean keepWeights, Path dataRoot) {
        this.store = store;
        this.progress = progress;
        this.keepWeights = keepWeights;
        this.dataRoot = dataRoot;
    }

    /** The same experiment, also storing each finished run's final weights (for {@link #trained}). */
    public Experiment keepingWeights() {
        return new Experiment(store, progress, true, dataRoot);
    }

    /** The same experiment, reading the data sets under {@code root} instead (e.g. another ImageNet copy). */
    public Experiment readingDataFrom(Path root) {
        return new Experiment(store, progress, keepWeights, root);
    }

    /**
     * The network {@code spec} trains, with the final weights of its run (run now, or reused when it was finished by
     * an experiment {@linkplain #keepingWeights keeping weights}).
     */
    public BlockNetwork trained(RunSpec spec) {
        keepingWeights().run(spec);
        INDArray weights = store.weights(spec)
                .orElseThrow(() -> new IllegalStateException("run " + spec.label()
                        + " finished without its weights stored: delete " + store.folder(spec) + " to train it again"));
        BlockNetwork net = spec.network(dataRoot);
        net.net().params().assign(weights.reshape(net.net().params().shape()));
        return net;
    }

    /** The stored finished result of {@code spec}, or the result of running (or resuming) it now. */
    public RunResult run(RunSpec spec) {
        RunResult stored = store.load(spec).orElse(null);
        if (stored != null && stored.finished()) {
            progress.reused(stored);
            return stored;
        }
        try (TrainingData data = TrainingData.open(spec.data(), dataRoot)) {
            int steps = data.trainSize() / spec.batch();
            if (steps == 0) {
                throw new IllegalArgumentException(
                        "batch " + spec.batch() + " is larger than the " + data.trainSize() + " training samples");
            }
            BlockNetwork net = spec.network(dataRoot);
            Feedback feedback = spec.feedback().create(net.pointSizes(), net.classes(), spec.seed());
            TrainingRule rule = spec.rule().create(net, feedback, spec.scale(), spec.seed());
            Learner learner = new Learner(net, rule);
            MultiLayerNetwork m = net.net();
            List<EpochMetrics> epochs = new ArrayList<>();
            if (stored != null) {
                epochs.addAll(stored.epochs());
                store.checkpoint(spec, "params")
                        .ifPresent(p -> m.params().assign(p.reshape(m.params().shape())));
                store.checkpoint(spec, "updater")
                        .ifPresent(u -> m.getUpdater().getStateViewArray().assign(u));
                m.setIterationCount(epochs.size() * steps);
            }
            Batch probe = data.probe(Math.min(PROBE_SAMPLES, data.testSize()));
            progress.started(spec, epochs.size(), learner.fastPath());
            for (int epoch = epochs.size(); epoch < spec.epochs(); epoch++) {
                double rate = PlateauSchedule.rate(
                        spec.learningRate(),
                        spec.plateauPatience(),
                        epochs.stream().mapToDouble(EpochMetrics::testLoss).toArray());
                if (rate != spec.learningRate()) {
                    m.setLearningRate(rate); // mutates the layers' updater configs, which the dense fast path reads too
                }
                epochs.add(trainEpoch(spec, learner, data, feedback, probe, epoch, steps));
                boolean finished = epoch + 1 == spec.epochs();
                if (!finished) {
                    store.saveCheckpoint(spec, m.params(), m.getUpdater().getStateViewArray());
                }
                store.save(new RunResult(spec, epochs, finished, provenance(learner, data)));
                progress.epoch(spec, epochs.get(epochs.size() - 1));
            }
            store.dropCheckpoint(spec);
            if (keepWeights) {
                store.saveWeights(spec, m.params());
            }
            RunResult result = new RunResult(spec, epochs, true, provenance(learner, data));
            store.save(result);
            return result;
        }
    }

    private EpochMetrics trainEpoch(
            RunSpec spec, Learner learner, TrainingData data, Feedback feedback, Batch probe, int epoch, int steps) {
        learner.setEpoch(epoch);
        SeededDropout.reseed(learner.network().net(), spec.seed(), epoch); // dropout masks: the same on a resumed run
        long start = System.nanoTime();
        double loss = 0;
        int hits = 0;
        try (TrainingData.Batches batches = data.epoch(spec.seed(), epoch, spec.batch(), steps)) {
            for (int s = 0; s < steps; s++) {
                Batch batch = next(batches, spec, epoch);
                INDArray out = learner.step(batch.features(), batch.labels());
                loss += CrossEntropy.sum(learner.logits(), batch.labels());
                INDArray predicted = out.argMax(1);
                INDArray labels = batch.labels().argMax(1);
                for (int n = 0; n < batch.size(); n++) {
                    hits += predicted.getInt(n) == labels.getInt(n) ? 1 : 0;
                }
                progress.steps(epoch, s + 1, steps, (s + 1) / ((System.nanoTime() - start) / 1e9));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluator.Evaluation evaluation = Evaluator.evaluate(learner.network(), data);
        boolean[] correct = evaluation.correct();
        Alignment alignment = AlignmentProbe.measure(learner.network(), feedback, probe.features(), probe.labels());
        int samples = steps * spec.batch();
        return new EpochMetrics(
                epoch,
                loss / samples,
                (double) hits / samples,
                Evaluator.accuracy(correct, 0, correct.length),
                data.exactAccuracy(correct),
                alignment.means(),
                alignment.stds(),
                seconds,
                steps / seconds,
                evaluation.loss(),
                updaterRate(learner.network().net(), epoch));
    }

    /** The epoch's next batch; an interruption (also while waiting for decoded images) cancels the run. */
    private static Batch next(TrainingData.Batches batches, RunSpec spec, int epoch) {
        RuntimeException failure = null;
        if (!Thread.currentThread().isInterrupted()) {
            try {
                return batches.next();
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failure = e;
            }
        }
        CancellationException cancelled = new CancellationException(
                "run " + spec.label() + " interrupted in epoch " + (epoch + 1) + " (its finished epochs are stored)");
        if (failure != null) {
            cancelled.initCause(failure);
        }
        throw cancelled;
    }

    /** The learning rate of the network's first layer's updater (all layers share it here). */
    private static double updaterRate(MultiLayerNetwork m, int epoch) {
        return ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                        m.getLayer(0).conf().getLayer())
                .getIUpdater()
                .getLearningRate(m.getIterationCount(), epoch);
    }

    /** Where a result came from. */
    static Map<String, String> provenance(Learner learner, TrainingData data) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("data", data.describe());
        p.put("toolkit", String.valueOf(Experiment.class.getPackage().getImplementationVersion()));
        p.put("date", Instant.now().toString());
        p.put("java", System.getProperty("java.version"));
        p.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        p.put("path", learner.fastPath() ? "dense fast path" : "DL4J layers");
        p.putAll(Backend.settings());
        p.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        return p;
    }
}
