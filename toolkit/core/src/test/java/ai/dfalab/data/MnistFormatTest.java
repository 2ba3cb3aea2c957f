package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** MNIST IDX parsing on tiny generated files: exact values, and a named error for each kind of damage. */
class MnistFormatTest {
    private static final String IMAGES = "t10k-images-idx3-ubyte";
    private static final String LABELS = "t10k-labels-idx1-ubyte";
    private static final int[] LABEL_VALUES = {7, 2, 1, 0, 4};

    @TempDir
    Path dir;

    private void writeTest(byte[] images, byte[] labels, boolean gzipped) throws IOException {
        Fixtures.store(dir.resolve(IMAGES), images, gzipped);
        Fixtures.store(dir.resolve(LABELS), labels, gzipped);
    }

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void roundTripGivesExactNormalisedPixels(boolean gzipped) throws IOException {
        writeTest(Fixtures.mnistImages(5, 4, 3), Fixtures.mnistLabels(LABEL_VALUES), gzipped);
        LabeledData d = Mnist.load(dir, Split.TEST);

        assertEquals("mnist-test", d.name());
        assertEquals(5, d.size());
        assertArrayEquals(LABEL_VALUES, d.y());
        assertArrayEquals(new int[] {1, 4, 3}, d.sampleShape());
        assertEquals(DataType.FLOAT, d.x().dataType());
        assertArrayEquals(new long[] {5, 12}, d.x().shape());
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 12; k++) {
                int raw = (7 * (i * 12 + k) + 3) % 256;
                assertEquals(
                        (raw / 255.0 - 0.1307) / 0.3081, d.x().getFloat(i, k), 1e-6, "sample " + i + " pixel " + k);
                assertEquals(raw, d.pixel(i, 0, k / 3, k % 3));
            }
        }
    }

    @Test
    void normalisationEndsMatchThePaperCode() {
        assertEquals(-0.1307 / 0.3081, Mnist.NORMALIZATION.apply(0, 0), 1e-6);
        assertEquals((1 - 0.1307) / 0.3081, Mnist.NORMALIZATION.apply(0, 255), 1e-6);
    }

    @Test
    void missingLabelsFileIsNamed() throws IOException {
        Fixtures.write(dir.resolve(IMAGES), Fixtures.mnistImages(5, 4, 3));
        assertProblem(dir.resolve(LABELS), "missing file", () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void truncatedImagesFileIsNamedWithExpectedSize() throws IOException {
        byte[] images = Fixtures.mnistImages(5, 4, 3);
        writeTest(Arrays.copyOf(images, images.length - 7), Fixtures.mnistLabels(LABEL_VALUES), false);
        DataFormatException e = assertProblem(dir.resolve(IMAGES), "truncated", () -> Mnist.load(dir, Split.TEST));
        assertTrue(
                e.getMessage().contains("5 x 4 x 3 (76 bytes)")
                        && e.getMessage().contains("69 bytes"),
                e.getMessage());
    }

    @Test
    void fileShorterThanItsHeaderIsTruncated() throws IOException {
        writeTest(Fixtures.mnistImages(5, 4, 3), new byte[] {0, 0, 8}, false);
        assertProblem(dir.resolve(LABELS), "truncated: 3 bytes", () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void trailingBytesAreAWrongSize() throws IOException {
        byte[] labels = Fixtures.mnistLabels(LABEL_VALUES);
        writeTest(Fixtures.mnistImages(5, 4, 3), Arrays.copyOf(labels, labels.length + 2), true);
        assertProblem(dir.resolve(LABELS + ".gz"), "wrong size", () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void badMagicShowsExpectedAndFoundInHex() throws IOException {
        // The labels file where the images file should be: a classic mix-up.
        writeTest(Fixtures.mnistLabels(LABEL_VALUES), Fixtures.mnistLabels(LABEL_VALUES), false);
        assertProblem(
                dir.resolve(IMAGES),
                "bad magic number: expected 0x00000803, found 0x00000801",
                () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void labelOutOfRangeNamesRecordAndValue() throws IOException {
        writeTest(Fixtures.mnistImages(5, 4, 3), Fixtures.mnistLabels(7, 2, 1, 10, 4), false);
        assertProblem(dir.resolve(LABELS), "label out of range: record 3 holds 10", () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeTest(Fixtures.mnistImages(5, 4, 3), Fixtures.mnistLabels(7, 2, 1, 0), false);
        DataFormatException e = assertProblem(dir.resolve(LABELS), "holds 4 labels", () -> Mnist.load(dir, Split.TEST));
        assertTrue(e.getMessage().contains(dir.resolve(IMAGES) + " holds 5 images"), e.getMessage());
    }

    @Test
    void notAGzipStreamIsCorrupt() throws IOException {
        Fixtures.write(dir.resolve(IMAGES + ".gz"), Fixtures.mnistImages(5, 4, 3));
        Fixtures.writeGz(dir.resolve(LABELS), Fixtures.mnistLabels(LABEL_VALUES));
        assertProblem(
                dir.resolve(IMAGES + ".gz"), "corrupt or truncated gzip stream", () -> Mnist.load(dir, Split.TEST));
    }

    @Test
    void cutOffGzipStreamIsCorrupt() throws IOException {
        writeTest(Fixtures.mnistImages(5, 4, 3), Fixtures.mnistLabels(LABEL_VALUES), true);
        Path gz = dir.resolve(IMAGES + ".gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        assertProblem(gz, "corrupt or truncated gzip stream", () -> Mnist.load(dir, Split.TEST));
    }

    static DataFormatException assertProblem(Path file, String problem, Runnable load) {
        DataFormatException e = assertThrows(DataFormatException.class, load::run);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message says '" + problem + "': " + e.getMessage());
        return e;
    }
}
