package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.Batch;
import ai.dfalab.data.DataFormatException;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.ImageNetBatches;
import ai.dfalab.data.ImageNetFixtures;
import ai.dfalab.data.ImageNetFolder;
import ai.dfalab.data.ImageNetTransform;
import ai.dfalab.data.StreamedImageNet;
import ai.dfalab.data.TrainingData;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.Architecture;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on a generated ILSVRC-style tree (3 classes, 4 training and 2 validation JPEGs each) of the tiny 224x224
 * network: streamed training, storing, resuming, repeating, evaluation on val, and the errors a user meets.
 */
class ImageNetRunTest {
    /** Table 3's settings on the tiny network: 2 steps of batch 2 per epoch, tested on 4 validation images. */
    private static final RunSpec SPEC = table3Like(DatasetName.IMAGENET, Architecture.TINY224)
            .withBatch(2)
            .withTrainLimit(4)
            .withTestLimit(4)
            .withEpochs(2);

    /** Table 3's settings (ReLU, lr 1e-2, plateau schedule, mean-scaled DFA) on {@code architecture}. */
    static RunSpec table3Like(DatasetName dataset, Architecture architecture) {
        return RunSpec.paper()
                .withDataset(dataset)
                .withModel(ModelSpec.of(architecture).withActivation("relu"))
                .withLearningRate(1e-2)
                .withPlateauPatience(5)
                .withScale(SignalScale.MEAN);
    }

    @TempDir
    Path data;

    @TempDir
    Path results;

    @BeforeEach
    void imageNetTree() throws IOException {
        ImageNetFixtures.tree(data.resolve("imagenet"), 4);
    }

    private Experiment experiment(String store, Progress progress) {
        return new Experiment(new ResultStore(results.resolve(store)), progress).readingDataFrom(data);
    }

    private static Set<Thread> decoderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("imagenet-decoder") && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static void assertSameEpochs(RunResult expected, RunResult actual) {
        assertEquals(expected.epochs().size(), actual.epochs().size());
        for (int e = 0; e < expected.epochs().size(); e++) {
            EpochMetrics a = expected.epochs().get(e);
            EpochMetrics b = actual.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-6, "epoch " + e);
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), "epoch " + e);
            assertEquals(a.testAccuracy(), b.testAccuracy(), "epoch " + e);
            assertEquals(a.testLoss(), b.testLoss(), 1e-6, "epoch " + e);
            assertArrayEquals(a.alignmentMean(), b.alignmentMean(), 1e-6, "epoch " + e);
        }
    }

    @Test
    void aStreamedRunTrainsStoresEachEpochAndRepeatsFromItsSeed() {
        Set<Thread> before = decoderThreads();
        RunResult a = experiment("a", Progress.SILENT).run(SPEC);
        assertTrue(a.finished());
        assertEquals(2, a.epochs().size());
        for (EpochMetrics m : a.epochs()) {
            assertTrue(Double.isFinite(m.trainLoss()) && Double.isFinite(m.testLoss()), m.toString());
            assertEquals(2, m.alignmentMean().length, "both feedback points probed");
            assertTrue(Double.isNaN(m.testAccuracyExact()), "no exact subset on ImageNet");
        }
        assertTrue(
                a.provenance().get("data").contains("3 classes, 4 of 12 training images, 4 validation images"),
                a.provenance().get("data"));
        assertTrue(Files.isRegularFile(results.resolve("a")
                .resolve(experiment("a", Progress.SILENT).key(SPEC).folder())
                .resolve("run.json")));
        assertEquals(before, decoderThreads(), "the decoder threads of every epoch and evaluation ended");

        assertSameEpochs(a, experiment("b", Progress.SILENT).run(SPEC));
        RunResult otherSeed = experiment("c", Progress.SILENT).run(SPEC.withSeed(1));
        assertNotEquals(a.last().trainLoss(), otherSeed.last().trainLoss());
    }

    @Test
    void anInterruptedRunResumesToTheResultOfAnUninterruptedOne() {
        RunSpec spec = SPEC;
        RunResult straight = experiment("straight", Progress.SILENT).run(spec);

        Experiment failing = experiment("failed", new Progress() {
            @Override
            public void epoch(RunSpec s, EpochMetrics m) {
                if (m.epoch() == 0) {
                    throw new IllegalStateException("stopped after the first epoch");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> failing.run(spec));
        RunResult partial = experiment("failed", Progress.SILENT).stored(spec).orElseThrow();
        assertFalse(partial.finished());
        assertEquals(1, partial.epochs().size());
        assertSameEpochs(straight, experiment("failed", Progress.SILENT).run(spec));

        // A thread interrupt within epoch 2, while its next batch is being decoded ahead.
        Experiment interrupted = experiment("interrupted", new Progress() {
            @Override
            public void steps(int epoch, int done, int total, double stepsPerSecond) {
                if (epoch == 1 && done == 1) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CancellationException e = assertThrows(CancellationException.class, () -> interrupted.run(spec));
        assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
        assertTrue(e.getMessage().contains("interrupted in epoch 2"), e.getMessage());
        assertEquals(
                1,
                experiment("interrupted", Progress.SILENT)
                        .stored(spec)
                        .orElseThrow()
                        .epochs()
                        .size());
        assertSameEpochs(straight, experiment("interrupted", Progress.SILENT).run(spec));
    }

    @Test
    void testingIsOnTheFirstValidationImagesCentreCropped() {
        BlockNetwork net = experiment("kept", Progress.SILENT).trained(SPEC);
        RunResult r = experiment("kept", Progress.SILENT).stored(SPEC).orElseThrow();
        // The tree's val/ names run class by class, so the first 4 are both of class 0 and both of class 1.
        List<ImageNetFolder.Entry> first4 =
                ImageNetFolder.open(data.resolve("imagenet")).val().subList(0, 4);
        try (ImageNetBatches val = ImageNetBatches.evaluation(first4, 3, 3, ImageNetTransform.standard(), 1, 1)) {
            Evaluator.Evaluation e = Evaluator.evaluate(net, val, 4);
            assertEquals(Evaluator.accuracy(e.correct(), 0, 4), r.testAccuracy(), 1e-12);
            assertEquals(e.loss(), r.last().testLoss(), 1e-6);
        }
    }

    @Test
    void subsetsAndEpochsComeFromFixedSeedsAndValidationFromItsOfficialOrder() throws IOException {
        // val/ in wnid folders, numbered across classes as the official names are: the order mixes the classes
        for (int n = 1; n <= 3; n++) {
            ImageNetFixtures.jpeg(
                    data.resolve(String.format(
                            "imagenet/val/%s/ILSVRC2012_val_%08d.JPEG", ImageNetFixtures.WNIDS[3 - n], 100 + n)),
                    ImageNetFixtures.flat(40, 30, new int[] {9, 9, 9}));
        }
        RunSpec spec = SPEC.withTrainLimit(5).withTestLimit(0);
        try (StreamedImageNet a = StreamedImageNet.open(spec.data(), data);
                StreamedImageNet b = StreamedImageNet.open(spec.withSeed(9).data(), data)) {
            assertEquals(a.train(), b.train(), "the subset does not depend on the run's seed");
            assertEquals(5, Set.copyOf(a.train()).size());
            assertTrue(
                    a.train().stream()
                                    .mapToInt(ImageNetFolder.Entry::label)
                                    .distinct()
                                    .count()
                            > 1,
                    a.train().toString());
            List<Integer> lastLabels = a.val().subList(6, 9).stream()
                    .map(ImageNetFolder.Entry::label)
                    .toList();
            assertEquals(List.of(2, 1, 0), lastLabels, "val_101, 102, 103 from the folders of classes 2, 1, 0");
            assertEquals(9, a.testSize());

            Batch first = firstBatch(a, 5, 1);
            assertEquals(
                    first.features(), firstBatch(b, 5, 1).features(), "the same crops from the same seed and epoch");
            assertNotEquals(first.features(), firstBatch(a, 5, 0).features());
            assertNotEquals(first.features(), firstBatch(a, 6, 1).features());
        }
    }

    private static Batch firstBatch(StreamedImageNet data, long seed, int epoch) {
        try (TrainingData.Batches batches = data.epoch(seed, epoch, 2, 1)) {
            Batch batch = batches.next();
            assertFalse(batches.hasNext(), "one step asked for");
            return batch;
        }
    }

    @Test
    void aMissingImageNetFolderSaysHowToPrepareIt(@TempDir Path empty) {
        DataFormatException e = assertThrows(
                DataFormatException.class,
                () -> new Experiment(new ResultStore(results), Progress.SILENT)
                        .readingDataFrom(empty)
                        .run(SPEC));
        String message = e.getMessage();
        assertTrue(message.startsWith(empty.resolve("imagenet").resolve("train").toString()), message);
        assertTrue(
                message.contains("data-scripts/IMAGENET.md")
                        && message.contains("data-scripts/verify-imagenet")
                        && message.contains("DFA_DATA"),
                message);
    }

    @Test
    void aCorruptImageStopsTheRunNamingTheFile() throws IOException {
        Set<Thread> before = decoderThreads();
        Path badTrain = data.resolve(
                "imagenet/train/" + ImageNetFixtures.WNIDS[1] + "/" + ImageNetFixtures.WNIDS[1] + "_2.JPEG");
        Files.write(badTrain, "not a jpeg".getBytes());
        DataFormatException e = assertThrows(
                DataFormatException.class,
                () -> experiment("train", Progress.SILENT).run(SPEC.withTrainLimit(0)));
        assertEquals(badTrain, e.file());
        assertTrue(e.getMessage().startsWith(badTrain.toString()), e.getMessage());

        Files.write(
                badTrain,
                Files.readAllBytes(data.resolve(
                        "imagenet/train/" + ImageNetFixtures.WNIDS[1] + "/" + ImageNetFixtures.WNIDS[1] + "_0.JPEG")));
        Path badVal = ImageNetFolder.open(data.resolve("imagenet")).val().get(3).file();
        Files.write(badVal, new byte[0]);
        e = assertThrows(
                DataFormatException.class,
                () -> experiment("val", Progress.SILENT).run(SPEC));
        assertEquals(badVal, e.file());
        assertEquals(before, decoderThreads(), "the failing runs stopped their decoder threads");
    }

    @Test
    void imageNetNetworksHaveOneOutputPerWnidFolderAndTake224Images() throws IOException {
        Path full = data.resolve("full");
        for (int k = 0; k < 1000; k++) {
            Files.createDirectories(full.resolve(String.format("imagenet/train/n%08d", k)));
        }
        Files.createDirectories(full.resolve("imagenet/val"));
        assertEquals(
                1000,
                table3Like(DatasetName.IMAGENET, Architecture.VGG16_W8)
                        .network(full)
                        .classes(),
                "ILSVRC-2012: 1000 classes");
        assertEquals(3, SPEC.network(data).classes());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RunSpec.paper().withDataset(DatasetName.IMAGENET).network(data));
        assertTrue(e.getMessage().contains("fc3x800 does not take ImageNet's 224x224 images"), e.getMessage());
    }
}
