package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationTest {
    @TempDir
    Path root;

    @Test
    void envVariableWinsOverPropertyAndDefault() {
        assertEquals(Path.of("/env/data"), DataLocation.resolveRoot("/env/data", "/prop/data", "/home/u"));
    }

    @Test
    void propertyWinsOverDefault() {
        assertEquals(Path.of("/prop/data"), DataLocation.resolveRoot(null, "/prop/data", "/home/u"));
        assertEquals(Path.of("/prop/data"), DataLocation.resolveRoot("  ", "/prop/data", "/home/u"));
    }

    @Test
    void defaultIsDfaDataInHome() {
        assertEquals(Path.of("/home/u/dfa-data"), DataLocation.resolveRoot(null, null, "/home/u"));
        assertEquals(Path.of("/home/u/dfa-data"), DataLocation.resolveRoot("", "", "/home/u"));
    }

    @Test
    void leadingTildeMeansHome() {
        assertEquals(Path.of("/home/u/data"), DataLocation.resolveRoot(null, "~/data", "/home/u"));
    }

    @Test
    void datasetFoldersFollowTheSharedLayout() {
        assertEquals(DataLocation.root().resolve("mnist"), DataLocation.dir(DatasetName.MNIST));
        assertEquals(DataLocation.root().resolve("cifar-10-batches-bin"), DataLocation.dir(DatasetName.CIFAR10));
        assertEquals(DataLocation.root().resolve("cifar-100-binary"), DataLocation.dir(DatasetName.CIFAR100));
    }

    @Test
    void hasNeedsEveryFilePlainOrGzipped() throws IOException {
        assertFalse(DataLocation.has(root, DatasetName.MNIST));
        Path dir = root.resolve("mnist");
        for (int i = 0; i < 3; i++) {
            String name = DatasetName.MNIST.files().get(i);
            Fixtures.store(dir.resolve(name), new byte[1], i % 2 == 0);
        }
        assertFalse(DataLocation.has(root, DatasetName.MNIST), "one file still missing");
        Fixtures.write(dir.resolve(DatasetName.MNIST.files().get(3)), new byte[1]);
        assertTrue(DataLocation.has(root, DatasetName.MNIST));
        assertFalse(DataLocation.has(root, DatasetName.CIFAR10));
    }

    @Test
    void fileTakesWhicheverOfPlainAndGzippedExistsAndRefusesBoth() throws IOException {
        Path gz = Fixtures.writeGz(root.resolve("test_batch.bin"), new byte[1]);
        assertEquals(gz, DataLocation.file(root, "test_batch.bin", DatasetName.CIFAR10));
        Path plain = Fixtures.write(root.resolve("test_batch.bin"), new byte[1]);
        // A short plain file (a gunzip cut short) must not shadow the good .gz beside it.
        DataFormatException e = assertThrows(
                DataFormatException.class, () -> DataLocation.file(root, "test_batch.bin", DatasetName.CIFAR10));
        assertTrue(e.getMessage().contains("ambiguous: both " + plain + " and " + gz), e.getMessage());
        Files.delete(gz);
        assertEquals(plain, DataLocation.file(root, "test_batch.bin", DatasetName.CIFAR10));
    }

    @Test
    void missingFileMessageSaysWhatAndHowToFetch() {
        DataFormatException e = assertThrows(
                DataFormatException.class,
                () -> DataLocation.file(root.resolve("mnist"), "t10k-labels-idx1-ubyte", DatasetName.MNIST));
        String message = e.getMessage();
        assertEquals(root.resolve("mnist").resolve("t10k-labels-idx1-ubyte"), e.file());
        assertTrue(message.contains("missing file"), message);
        assertTrue(message.contains("t10k-labels-idx1-ubyte.gz"), message);
        assertTrue(message.contains("train-images-idx3-ubyte"), "lists the expected files: " + message);
        assertTrue(message.contains("data-scripts/fetch-mnist"), message);
        assertTrue(message.contains("DFA_DATA"), message);
    }

    @Test
    void imageNetNeedsItsTrainAndValFoldersAndSaysHowToPrepareThem() throws IOException {
        assertEquals(DataLocation.root().resolve("imagenet"), DataLocation.dir(DatasetName.IMAGENET));
        assertFalse(DataLocation.has(root, DatasetName.IMAGENET));
        Files.createDirectories(root.resolve("imagenet/train"));
        assertFalse(DataLocation.has(root, DatasetName.IMAGENET), "val/ still missing");
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> DataLocation.require(root, DatasetName.IMAGENET));
        assertEquals(root.resolve("imagenet/val"), e.file());
        String message = e.getMessage();
        assertTrue(message.contains("missing folder"), message);
        assertTrue(
                message.contains("data-scripts/IMAGENET.md") && message.contains("data-scripts/verify-imagenet"),
                message);
        assertTrue(message.contains("DFA_DATA"), message);
        Files.createDirectories(root.resolve("imagenet/val"));
        assertTrue(DataLocation.has(root, DatasetName.IMAGENET));
        DataLocation.require(root, DatasetName.IMAGENET);
    }
}
