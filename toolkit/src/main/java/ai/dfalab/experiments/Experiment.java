package ai.dfalab.experiments;

import ai.dfalab.blas.Backend;
import ai.dfalab.data.Batch;
import ai.dfalab.data.Cifar10;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.LabeledData;
import ai.dfalab.data.Split;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.models.SeededDropout;
import ai.dfalab.probe.Alignment;
import ai.dfalab.probe.AlignmentProbe;
import ai.dfalab.train.Backprop;
import ai.dfalab.train.BlockNetwork;
import ai.dfalab.train.DirectFeedbackAlignment;
import ai.dfalab.train.Learner;
import ai.dfalab.train.TrainingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a {@link RunSpec}: shuffles each epoch from the seed, trains on full batches (the last partial batch is
 * dropped, as the authors' loader does), evaluates, probes alignment, and stores the result after every epoch, so
 * a finished run is reused and an interrupted one resumes from its last finished epoch with the same outcome.
 * With a plateau patience, the learning rate between epochs follows {@link PlateauSchedule} on the test losses so far
 * (replayed from the stored epochs on a resume).
 */
public final class Experiment {
    /** Alignment is measured on this many test images, the first ones (the authors' protocol). */
    public static final int PROBE_SAMPLES = 128;

    private final ResultStore store;
    private final Progress progress;
    private final boolean keepWeights;

    public Experiment(ResultStore store, Progress progress) {
        this(store, progress, false);
    }

    private Experiment(ResultStore store, Progress progress, boolean keepWeights) {
        this.store = store;
        this.progress = progress;
        this.keepWeights = keepWeights;
    }

    /** The same experiment, also storing each finished run's final weights (for {@link #trained}). */
    public Experiment keepingWeights() {
        return new Experiment(store, progress, true);
    }

    /**
     * The network {@code spec} trains, with the final weights of its run (run now, or reused when it was finished by
     * an experiment {@linkplain #keepingWeights keeping weights}).
     */
    public BlockNetwork trained(RunSpec spec) {
        keepingWeights().run(spec);
        INDArray weights = store.weights(spec).orElseThrow(() -> new IllegalStateException("run " + spec.label()
                + " finished without its weights stored: delete " + store.folder(spec) + " to train it again"));
        BlockNetwork net = Networks.build(spec);
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
        LabeledData train = DataCache.get(spec.dataset(), Split.TRAIN);
        if (spec.trainLimit() > 0) {
            train = train.first(Math.min(spec.trainLimit(), train.size()));
        }
        LabeledData test = DataCache.get(spec.dataset(), Split.TEST);
        if (spec.testLimit() > 0) {
            test = test.first(Math.min(spec.testLimit(), test.size()));
        }
        int steps = train.size() / spec.batch();
        if (steps == 0) {
            throw new IllegalArgumentException("batch " + spec.batch() + " is larger than the " + train.size() + " training samples");
        }
        BlockNetwork net = Networks.build(spec);
        Feedback feedback = spec.feedback().create(net.pointSizes(), net.classes(), spec.seed());
        TrainingRule rule = spec.rule().equals("bp") ? new Backprop() : new DirectFeedbackAlignment(feedback, spec.scale());
        Learner learner = new Learner(net, rule);
        MultiLayerNetwork m = net.net();
        List<EpochMetrics> epochs = new ArrayList<>();
        if (stored != null) {
            epochs.addAll(stored.epochs());
            store.checkpoint(spec, "params").ifPresent(p -> m.params().assign(p.reshape(m.params().shape())));
            store.checkpoint(spec, "updater").ifPresent(u -> m.getUpdater().getStateViewArray().assign(u));
            m.setIterationCount(epochs.size() * steps);
        }
        try (InputPipeline pipeline = InputPipeline.forRun(spec)) {
            int probed = Math.min(PROBE_SAMPLES, test.size());
            INDArray probeX = pipeline.eval(test.rows(0, probed).x());
            INDArray probeY = test.oneHot(IntStream.range(0, probed).toArray());
            progress.started(spec, epochs.size(), learner.fastPath());
            for (int epoch = epochs.size(); epoch < spec.epochs(); epoch++) {
                double rate = PlateauSchedule.rate(spec.learningRate(), spec.plateauPatience(),
                        epochs.stream().mapToDouble(EpochMetrics::testLoss).toArray());
                if (rate != spec.learningRate()) {
                    m.setLearningRate(rate);   // mutates the layers' updater configs, which the dense fast path reads too
                }
                epochs.add(trainEpoch(spec, learner, pipeline, train, test, feedback, probeX, probeY, epoch, steps));
                boolean finished = epoch + 1 == spec.epochs();
                if (!finished) {
                    store.saveCheckpoint(spec, m.params(), m.getUpdater().getStateViewArray());
                }
                store.save(new RunResult(spec, epochs, finished, provenance(learner)));
                progress.epoch(spec, epochs.get(epochs.size() - 1));
            }
        }
        store.dropCheckpoint(spec);
        if (keepWeights) {
            store.saveWeights(spec, m.params());
        }
        RunResult result = new RunResult(spec, epochs, true, provenance(learner));
        store.save(result);
        return result;
    }

    private EpochMetrics trainEpoch(RunSpec spec, Learner learner, InputPipeline pipeline, LabeledData train, LabeledData test, Feedback feedback,
                                    INDArray probeX, INDArray probeY, int epoch, int steps) {
        learner.setEpoch(epoch);
        SeededDropout.reseed(learner.network().net(), spec.seed(), epoch);   // dropout masks: the same on a resumed run
        int[] order = shuffle(train.size(), new SplittableRandom(spec.seed() * 7919L + epoch));
        int[] labels = train.y();
        long start = System.nanoTime();
        double loss = 0;
        int hits = 0;
        for (int s = 0; s < steps; s++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("run " + spec.label() + " interrupted in epoch " + (epoch + 1) + " (its finished epochs are stored)");
            }
            int[] idx = java.util.Arrays.copyOfRange(order, s * spec.batch(), (s + 1) * spec.batch());
            Batch batch = pipeline.train(train.batch(idx), (spec.seed() * 1_000_003L + epoch) * 100_003L + s);   // same crops on a resume
            INDArray out = learner.step(batch.features(), batch.labels());
            loss += Transforms.log(out.mul(batch.labels()).sum(1), false).sumNumber().doubleValue();
            INDArray predicted = out.argMax(1);
            for (int n = 0; n < idx.length; n++) {
                hits += predicted.getInt(n) == labels[idx[n]] ? 1 : 0;
            }
            progress.steps(epoch, s + 1, steps, (s + 1) / ((System.nanoTime() - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluator.Evaluation evaluation = Evaluator.evaluate(learner.network(), test, pipeline::eval);
        boolean[] correct = evaluation.correct();
        double exact = spec.dataset() == DatasetName.CIFAR10 && test.size() >= Cifar10.EXACT_TEST_RECORDS
                ? Evaluator.accuracy(correct, 0, Cifar10.EXACT_TEST_RECORDS) : Double.NaN;
        Alignment alignment = AlignmentProbe.measure(learner.network(), feedback, probeX, probeY);
        int samples = steps * spec.batch();
        return new EpochMetrics(epoch, -loss / samples, (double) hits / samples, Evaluator.accuracy(correct, 0, test.size()),
                exact, alignment.means(), alignment.stds(), seconds, steps / seconds, evaluation.loss(),
                updaterRate(learner.network().net(), epoch));
    }

    /** The learning rate of the network's first layer's updater (all layers share it here). */
    private static double updaterRate(MultiLayerNetwork m, int epoch) {
        return ((org.deeplearning4j.nn.conf.layers.BaseLayer) m.getLayer(0).conf().getLayer()).getIUpdater()
                .getLearningRate(m.getIterationCount(), epoch);
    }

    private static int[] shuffle(int n, SplittableRandom random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Where a result came from. */
    static Map<String, String> provenance(Learner learner) {
        Map<String, String> p = new LinkedHashMap<>();
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
