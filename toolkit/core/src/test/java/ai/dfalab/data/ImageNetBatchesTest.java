package ai.dfalab.data;

import static ai.dfalab.data.MnistFormatTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The prefetching ImageNet batches on a generated JPEG tree: shapes, one pass per epoch, replay, errors, shutdown. */
class ImageNetBatchesTest {
    private static final ImageNetTransform T = ImageNetTransform.standard();

    @TempDir
    Path root;

    private List<Batch> all(ImageNetBatches batches) {
        List<Batch> out = new ArrayList<>();
        try (batches) {
            while (batches.hasNext()) {
                out.add(batches.next());
            }
        }
        return out;
    }

    @Test
    void trainingEpochVisitsEveryImageOnceInBatchesOfNchwRows() throws IOException {
        ImageNetFolder folder = ImageNetFolder.open(ImageNetFixtures.tree(root, 3));
        ImageNetBatches batches = ImageNetBatches.training(folder.train(), 3, 4, T, 11, 0, 2, 2);
        assertEquals(3, batches.batches());
        List<Batch> epoch = all(batches);
        assertEquals(3, epoch.size());
        assertArrayEquals(new long[] {4, 3 * 224 * 224}, epoch.get(0).features().shape());
        assertArrayEquals(new long[] {1, 3}, epoch.get(2).labels().shape());
        double[] perClass = new double[3];
        for (Batch b : epoch) {
            for (int c = 0; c < 3; c++) {
                perClass[c] += b.labels().getColumn(c).sumNumber().doubleValue();
            }
            for (int i = 0; i < b.size(); i++) {
                // Each image is a flat colour of its class: its red plane tells the label back.
                int label = b.labels().getRow(i).argMax().getInt(0);
                double red = b.features().getFloat(i, 224 * 112 + 112) * 0.229 + 0.485;
                assertEquals(ImageNetFixtures.colour(label)[0] / 255.0, red, 0.02, "sample " + i);
            }
        }
        assertArrayEquals(new double[] {3, 3, 3}, perClass);
        assertTrue(batches.terminated(), "decoder threads ended after the epoch was closed");
    }

    @Test
    void sameSeedAndEpochReplayExactlyOnAnyThreadCount() throws IOException {
        List<ImageNetFolder.Entry> train =
                ImageNetFolder.open(ImageNetFixtures.tree(root, 3)).train();
        List<Batch> a = all(ImageNetBatches.training(train, 3, 4, T, 7, 2, 1, 1));
        List<Batch> b = all(ImageNetBatches.training(train, 3, 4, T, 7, 2, 2, 3));
        List<Batch> otherEpoch = all(ImageNetBatches.training(train, 3, 4, T, 7, 3, 2, 3));
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).features(), b.get(k).features(), "batch " + k);
            assertEquals(a.get(k).labels(), b.get(k).labels(), "batch " + k);
        }
        assertNotEquals(a.get(0).features(), otherEpoch.get(0).features());
    }

    @Test
    void evaluationKeepsOrderAndCentreCrops() throws IOException {
        ImageNetFolder folder = ImageNetFolder.open(ImageNetFixtures.tree(root, 1));
        List<ImageNetFolder.Entry> val = folder.val();
        List<Batch> batches = all(ImageNetBatches.evaluation(val, 3, 4, T, 2, 1));
        assertEquals(2, batches.size());
        INDArray labels = batches.get(1).labels();
        assertEquals(2, labels.getRow(1).argMax().getInt(0));
        float[] expected = new float[T.features()];
        RgbImage last = JpegFiles.decode(val.get(5).file());
        T.apply(last, T.centerCrop(last.height(), last.width()), expected, 0, new float[T.scratchSize(last)]);
        assertArrayEquals(expected, batches.get(1).features().getRow(1).toFloatVector());
    }

    @Test
    void decodesAheadOfTheConsumerButNoFurtherThanThePrefetchBound() throws Exception {
        List<ImageNetFolder.Entry> val =
                ImageNetFolder.open(ImageNetFixtures.tree(root, 1)).val();
        try (ImageNetBatches batches = ImageNetBatches.evaluation(val, 3, 1, T, 2, 3)) {
            for (int wait = 0; wait < 600 && batches.ready() < 3; wait++) {
                Thread.sleep(50);
            }
            assertEquals(3, batches.ready(), "three batches decoded before any was asked for");
            for (ImageNetFolder.Entry e : val) {
                Files.delete(e.file());
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(1, batches.next().size(), "batch " + k + " was decoded ahead");
            }
            // The fourth was only submitted when the first was taken, after its file was gone.
            assertProblem(val.get(3).file(), "missing file", batches::next);
        }
    }

    @Test
    void labelsOutsideTheClassesAreRefusedUpFront() throws IOException {
        List<ImageNetFolder.Entry> train =
                ImageNetFolder.open(ImageNetFixtures.tree(root, 1)).train();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ImageNetBatches.training(train, 2, 4, T, 1, 0, 1, 1));
        assertTrue(e.getMessage().contains("label outside 0..1"), e.getMessage());
    }

    @Test
    void corruptJpegNamesTheFileAndStopsTheThreads() throws IOException {
        ImageNetFolder folder = ImageNetFolder.open(ImageNetFixtures.tree(root, 3));
        Path bad = Fixtures.write(root.resolve("train/n01443537/n01443537_1.JPEG"), "not a jpeg".getBytes());
        ImageNetBatches batches = ImageNetBatches.evaluation(folder.train(), 3, 2, T, 2, 4);
        batches.next();
        batches.next();
        assertProblem(bad, "not an image javax.imageio can read", batches::next);
        assertFalse(batches.hasNext());
        assertTrue(batches.terminated());
        assertThrows(IllegalStateException.class, batches::next);
    }

    /** A training epoch of single-image batches (two decoder threads, three batches ahead) whose first batch was taken. */
    private ImageNetBatches midEpoch() throws IOException {
        List<ImageNetFolder.Entry> train =
                ImageNetFolder.open(ImageNetFixtures.tree(root, 3)).train();
        ImageNetBatches batches = ImageNetBatches.training(train, 3, 1, T, 1, 0, 2, 3);
        batches.next();
        return batches;
    }

    @Test
    void closeMidEpochEndsTheDecoderThreads() throws IOException {
        ImageNetBatches batches = midEpoch();
        batches.close();
        assertTrue(batches.terminated());
        assertFalse(batches.hasNext());
    }

    @Test
    void anInterruptedConsumerStillEndsTheDecoderThreadsAndKeepsItsInterrupt() throws IOException {
        ImageNetBatches batches = midEpoch();
        Thread.currentThread().interrupt();
        batches.close();
        assertTrue(Thread.interrupted(), "the interrupt is still set");
        assertTrue(batches.terminated(), "every decoder thread has ended");
    }
}
