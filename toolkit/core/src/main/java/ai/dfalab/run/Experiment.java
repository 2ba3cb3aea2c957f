package ai.dfalab.run;

import ai.dfalab.backend.BlasKernels;
import ai.dfalab.data.Batch;
import ai.dfalab.data.DataFingerprint;
import ai.dfalab.data.DataLocation;
import ai.dfalab.data.TrainingData;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.layers.SeededDropout;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.probe.Alignment;
import ai.dfalab.probe.AlignmentProbe;
import ai.dfalab.train.CrossEntropy;
import ai.dfalab.train.Learner;
import ai.dfalab.train.PlateauSchedule;
import ai.dfalab.train.TrainingRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Runs a {@link RunSpec}: shuffles each epoch from the seed, trains on full batches (the last partial batch is
 * dropped, as the authors' loader does), evaluates, probes alignment, and stores the result after every epoch, so
 * a finished run is reused and an interrupted one resumes from its last finished epoch with the same outcome. A stored
 * run is reused only for the same spec, data ({@link DataFingerprint}) and {@link Numerics#VERSION}; one process
 * writes a run at a time (the others wait, or fail at once when told not to). A non-finite training loss (checked
 * every step) or weight (checked after every epoch, before its checkpoint) stops the run: it is stored as diverged,
 * a result like a finished run, and the call returns normally, so a sweep goes on with its other runs.
 * With a plateau patience, the learning rate between epochs follows {@link PlateauSchedule} on the test losses so far
 * (replayed from the stored epochs on a resume). MNIST and CIFAR are held in memory, ImageNet is streamed from disk
 * ({@link TrainingData}). When the store has no finished run of a spec, the project's reference runs
 * ({@link ReferenceRuns}) are consulted before training: they are read, never written.
 *
 * @param keepWeights also store the final weights of the runs it trains ({@link #keepingWeights})
 * @param dataRoot    the folder the data sets are read from ({@link #readingDataFrom})
 * @param waitForLock wait for a run another process is writing, or fail at once ({@link #notWaitingForLocks})
 * @param reference   runs reused before any is trained ({@link #withReference})
 */
public record Experiment(
        ResultStore store,
        Progress progress,
        boolean keepWeights,
        Path dataRoot,
        boolean waitForLock,
        ReferenceRuns reference) {
    /** Alignment is measured on this many test images, the first ones (the authors' protocol). */
    public static final int PROBE_SAMPLES = 128;

    /**
     * Runs stored in {@code store}, reading the data sets under {@link DataLocation#root()}, reusing the reference
     * runs {@link ReferenceRuns#located()} finds.
     */
    public Experiment(ResultStore store, Progress progress) {
        this(store, progress, false, DataLocation.root(), true, ReferenceRuns.located());
    }

    /**
     * The same experiment, also storing the final weights of the runs it trains (for {@link #trained}). Runs reused from
     * the reference keep no weights: their results are reused all the same, and {@link #trained} trains its own.
     */
    public Experiment keepingWeights() {
        return new Experiment(store, progress, true, dataRoot, waitForLock, reference);
    }

    /** The same experiment, reading the data sets under {@code root} instead (e.g. another ImageNet copy). */
    public Experiment readingDataFrom(Path root) {
        return new Experiment(store, progress, keepWeights, root, waitForLock, reference);
    }

    /** The same experiment, failing with {@link RunLockedException} instead of waiting when a run is being written. */
    public Experiment notWaitingForLocks() {
        return new Experiment(store, progress, keepWeights, dataRoot, false, reference);
    }

    /** The same experiment, reusing the runs of {@code other} ({@link ReferenceRuns#NONE}: none) as its reference. */
    public Experiment withReference(ReferenceRuns other) {
        return new Experiment(store, progress, keepWeights, dataRoot, waitForLock, other);
    }

    /** The key {@code spec}'s result is stored under here: the spec, this data root's data, this code's numerics. */
    public RunKey key(RunSpec spec) {
        return RunKey.of(spec, DataFingerprint.of(spec.dataset(), dataRoot));
    }

    /** The stored result of {@code spec} for this data and code, finished or not, if any. */
    public java.util.Optional<RunResult> stored(RunSpec spec) {
        return store.load(key(spec)).map(ResultStore.StoredRun::result);
    }

    /**
     * The network {@code spec} trains, with the final weights of its run (run now, or reused when it was finished by
     * an experiment {@linkplain #keepingWeights keeping weights}); never the reference's, which has no weights.
     */
    public BlockNetwork trained(RunSpec spec) {
        RunResult result = keepingWeights().withReference(ReferenceRuns.NONE).run(spec);
        if (result.diverged()) {
            throw new IllegalStateException("run " + spec.label() + " " + result.describe() + ": no trained network");
        }
        return withStoredWeights(spec, "finished");
    }

    /**
     * As {@link #trained}, but a run that diverged gives its network at the end of its last finite epoch, the one
     * before the divergence (what it learned before it blew up): stored with the run by an experiment {@linkplain
     * #keepingWeights keeping weights}.
     *
     * @throws IllegalStateException if the run diverged in its first epoch: it has no finite network
     */
    public BlockNetwork lastFinite(RunSpec spec) {
        RunResult result = keepingWeights().withReference(ReferenceRuns.NONE).run(spec);
        if (result.diverged() && result.epochs().isEmpty()) {
            throw new IllegalStateException(
                    "run " + spec.label() + " " + result.describe() + ": it finished no epoch, no finite network");
        }
        return withStoredWeights(spec, result.diverged() ? "diverged" : "finished");
    }

    /** {@code spec}'s network with the weights stored with its run, which is over ({@code how}). */
    private BlockNetwork withStoredWeights(RunSpec spec, String how) {
        RunKey key = key(spec);
        INDArray weights = store.load(key)
                .flatMap(s -> s.array(RunState.WEIGHTS))
                .orElseThrow(() -> new IllegalStateException("run " + spec.label() + " " + how
                        + " without its weights stored: delete " + store.location(key) + " to train it again"));
        BlockNetwork net = spec.network(dataRoot);
        net.net().params().assign(weights.reshape(net.net().params().shape()));
        return net;
    }

    /**
     * The stored result of {@code spec} (finished or diverged), else the reference's (labelled as such: {@link
     * RunResult#fromReference()}), else the result of running (or resuming) it now, in the store.
     *
     * @throws RunLockedException if another process writes the run and this experiment does not wait
     */
    public RunResult run(RunSpec spec) {
        DataFingerprint fingerprint = DataFingerprint.of(spec.dataset(), dataRoot);
        RunKey key = RunKey.of(spec, fingerprint);
        RunResult done = reusable(key);
        if (done != null) {
            return done;
        }
        done = reference.find(key, progress).orElse(null);
        if (done != null) {
            progress.reused(done);
            return done;
        }
        try (StoreFiles.Lock lock = store.lock(key, waitForLock, message -> progress.waiting(spec, message))) {
            done = reusable(key); // the process we waited for may have finished it
            return done != null ? done : train(key, fingerprint);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot release the lock of " + store.location(key), e);
        }
    }

    /** The stored run of {@code key} if it is over (told to the progress), else null. */
    private RunResult reusable(RunKey key) {
        try {
            RunResult stored =
                    store.load(key).map(ResultStore.StoredRun::result).orElse(null);
            if (stored != null && stored.done()) {
                progress.reused(stored);
                return stored;
            }
        } catch (BrokenRunException e) {
            return null; // dealt with under the lock, by train
        }
        return null;
    }

    private RunResult train(RunKey key, DataFingerprint fingerprint) {
        long since = System.nanoTime();
        RunSpec spec = key.spec();
        ResultStore.StoredRun stored = storedOrRestart(key);
        double before = stored == null ? 0 : stored.result().wallSeconds(); // the sessions that ran its stored epochs
        DoubleSupplier wall = () -> before + (System.nanoTime() - since) / 1e9;
        List<String> others = store.others(key);
        if (stored == null && !others.isEmpty()) {
            progress.note(spec, "stored runs of this spec from other data or numerics are kept, not reused: " + others);
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
                epochs.addAll(stored.result().epochs());
                m.params()
                        .assign(stored.array(RunState.PARAMS)
                                .orElseThrow()
                                .reshape(m.params().shape()));
                stored.array(RunState.UPDATER)
                        .ifPresent(u -> m.getUpdater().getStateViewArray().assign(u));
                m.setIterationCount(epochs.size() * steps);
            }
            BiFunction<RunResult.Status, RunResult.Divergence, RunResult> result =
                    (status, divergence) -> new RunResult(
                            spec,
                            epochs,
                            status,
                            divergence,
                            Provenance.of(learner, data, fingerprint, wall.getAsDouble()));
            Batch probe = data.probe(Math.min(PROBE_SAMPLES, data.testSize()));
            progress.started(spec, epochs.size(), learner.path());
            BlasKernels.adviceOnce().ifPresent(progress::advice);
            for (int epoch = epochs.size(); epoch < spec.epochs(); epoch++) {
                double rate = PlateauSchedule.rate(
                        spec.learningRate(),
                        spec.plateauPatience(),
                        epochs.stream().mapToDouble(EpochMetrics::testLoss).toArray());
                if (rate != spec.learningRate()) {
                    m.setLearningRate(rate); // mutates the layers' updater configs, which the engine reads too
                }
                EpochMetrics metrics;
                try {
                    metrics = trainEpoch(spec, learner, data, feedback, probe, epoch, steps);
                } catch (DivergedException d) {
                    RunResult diverged = result.apply(RunResult.Status.DIVERGED, d.divergence);
                    store.saveFinal(key, diverged, keepWeights ? lastCheckpoint(key, epochs.size()) : null);
                    progress.diverged(diverged);
                    return diverged;
                }
                epochs.add(metrics);
                if (epoch + 1 < spec.epochs()) {
                    RunResult partial = result.apply(RunResult.Status.UNFINISHED, null);
                    store.saveCheckpoint(
                            key, partial, m.params(), m.getUpdater().getStateViewArray());
                }
                progress.epoch(spec, metrics);
            }
            RunResult finished = result.apply(RunResult.Status.FINISHED, null);
            store.saveFinal(key, finished, keepWeights ? m.params() : null);
            return finished;
        }
    }

    /** The weights of the checkpoint after the run's epoch {@code epoch} (counted from 1), or null before the first. */
    private INDArray lastCheckpoint(RunKey key, int epoch) {
        if (epoch == 0) {
            return null;
        }
        return store.load(key).flatMap(s -> s.array(RunState.PARAMS)).orElse(null);
    }

    /** The stored unfinished run to resume, or null; a broken one is reported and set aside, and the run restarts. */
    private ResultStore.StoredRun storedOrRestart(RunKey key) {
        try {
            return store.load(key).orElse(null);
        } catch (BrokenRunException e) {
            progress.note(
                    key.spec(),
                    "stored run cannot be resumed: " + e.getMessage()
                            + "; restarting it from epoch 1 (its run.json kept" + " as run.json.broken-*)");
            store.setAside(key);
            return null;
        }
    }

    /** A non-finite loss or weight: where it was found. */
    private static final class DivergedException extends RuntimeException {
        final RunResult.Divergence divergence;

        DivergedException(RunResult.Divergence divergence) {
            super(divergence.toString(), null, false, false);
            this.divergence = divergence;
        }
    }

    /**
     * What the epoch's {@code steps} finite steps before a divergence did (what the network learned before it blew up):
     * their mean loss and training accuracy, and the last step's loss; empty for the epoch's first step.
     */
    static String stepsBefore(int steps, double lossSum, int hits, double lastLoss, int batch) {
        if (steps == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                " (the epoch's %d steps before it: mean loss %.4g, training accuracy %.1f %%; last loss %.4g)",
                steps,
                lossSum / (steps * (double) batch),
                100.0 * hits / (steps * (double) batch),
                lastLoss);
    }

    private EpochMetrics trainEpoch(
            RunSpec spec, Learner learner, TrainingData data, Feedback feedback, Batch probe, int epoch, int steps) {
        learner.setEpoch(epoch);
        SeededDropout.reseed(learner.network().net(), spec.seed(), epoch); // dropout masks: the same on a resumed run
        long start = System.nanoTime();
        double loss = 0;
        double lastLoss = Double.NaN;
        int hits = 0;
        try (TrainingData.Batches batches = data.epoch(spec.seed(), epoch, spec.batch(), steps)) {
            for (int s = 0; s < steps; s++) {
                Batch batch = next(batches, spec, epoch);
                INDArray out = learner.step(batch.features(), batch.labels());
                double batchLoss = CrossEntropy.sum(learner.logits(), batch.labels());
                if (!Double.isFinite(batchLoss)) {
                    throw new DivergedException(new RunResult.Divergence(
                            epoch + 1,
                            s + 1,
                            "training loss " + batchLoss + stepsBefore(s, loss, hits, lastLoss, batch.size())));
                }
                loss += batchLoss;
                lastLoss = batchLoss / batch.size();
                INDArray predicted = out.argMax(1);
                INDArray labels = batch.labels().argMax(1);
                for (int n = 0; n < batch.size(); n++) {
                    hits += predicted.getInt(n) == labels.getInt(n) ? 1 : 0;
                }
                progress.steps(epoch, s + 1, steps, (s + 1) / ((System.nanoTime() - start) / 1e9));
            }
        }
        INDArray params = learner.network().net().params();
        long bad = Nd4j.getExecutioner()
                .exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(params, Conditions.notFinite()))
                .getLong(0);
        if (bad > 0) {
            throw new DivergedException(new RunResult.Divergence(epoch + 1, steps, bad + " non-finite weights"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluator.Evaluation evaluation = Evaluator.evaluate(learner, data);
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
}
