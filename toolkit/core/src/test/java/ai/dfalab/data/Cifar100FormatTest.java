package ai.dfalab.data;

import static ai.dfalab.data.Cifar10FormatTest.GZIPPED;
import static ai.dfalab.data.Cifar10FormatTest.PLAIN;
import static ai.dfalab.data.MnistFormatTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.Cifar10FormatTest.Broken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIFAR-100 binary parsing on tiny generated files (6 train, 4 test records): both label kinds and named errors. */
class Cifar100FormatTest {
    private static final int TRAIN = 6;
    private static final int TEST = 4;
    private static final double[] MEAN = {0.5071, 0.4865, 0.4409};
    private static final double[] STD = {0.2673, 0.2564, 0.2762};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void fineLabelsAndPixelsByDefault(boolean gzipped) throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, gzipped);
        LabeledData d = Cifar100.load(dir, Split.TRAIN, Cifar100.Labels.FINE, TRAIN);

        assertEquals("cifar100-train", d.name());
        assertEquals(TRAIN, d.size());
        assertEquals(100, d.classes());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape());
        assertEquals("fine_0", d.classNames().get(0));
        assertEquals("fine_99", d.classNames().get(99));
        for (int r = 0; r < TRAIN; r++) {
            assertEquals(7 * r % 100, d.label(r), "fine label of record " + r);
            assertSampleIs(d, r, r);
        }
    }

    @Test
    void coarseLabelsOfTheTestFile() throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, true);
        LabeledData d = Cifar100.load(dir, Split.TEST, Cifar100.Labels.COARSE, TEST);

        assertEquals("cifar100-coarse-test", d.name());
        assertEquals(20, d.classes());
        assertEquals("coarse_19", d.classNames().get(19));
        for (int r = 0; r < TEST; r++) {
            assertEquals(7 * (Fixtures.TEST_FIRST + r) % 100 / 5, d.label(r), "coarse label of record " + r);
            assertSampleIs(d, r, Fixtures.TEST_FIRST + r);
        }
    }

    private static void assertSampleIs(LabeledData d, int sample, int record) {
        for (int k = 0; k < Cifar10.PIXELS; k += 89) {
            int channel = k / 1024;
            int raw = Fixtures.cifarPixel(record, k);
            assertEquals(
                    (raw / 255.0 - MEAN[channel]) / STD[channel],
                    d.x().getFloat(sample, k),
                    1e-5,
                    "sample " + sample + " feature " + k);
            assertEquals(raw, d.pixel(sample, channel, (k % 1024) / 32, k % 32));
        }
    }

    @Test
    void missingTrainFileIsNamedWithFetchHint() throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, false);
        Files.delete(dir.resolve("train.bin"));
        DataFormatException e =
                assertProblem(dir.resolve("train.bin"), "missing file", () -> Cifar100.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("data-scripts/fetch-cifar100"), e.getMessage());
    }

    @Test
    void missingLabelNamesAreNamed() throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, false);
        Files.delete(dir.resolve("coarse_label_names.txt"));
        assertProblem(
                dir.resolve("coarse_label_names.txt"),
                "missing file",
                () -> Cifar100.load(dir, Split.TEST, Cifar100.Labels.COARSE, TEST));
    }

    @Test
    void officialFilesMustHoldTheOfficialRecordCounts() throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, false);
        assertProblem(
                dir.resolve("train.bin"),
                "truncated: 6 records, expected 50000 (153700000 bytes)",
                () -> Cifar100.load(dir, Split.TRAIN));
        assertProblem(dir.resolve("test.bin"), "expected 10000 (30740000 bytes)", () -> Cifar100.load(dir, Split.TEST));
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                new Broken(
                        "sizeNotAMultipleOfTheRecordIsAWrongSize",
                        PLAIN,
                        Split.TEST,
                        "test.bin",
                        "wrong size: 12295 bytes is not a multiple of the 3074-byte record",
                        folder -> {
                            byte[] records = Fixtures.cifar100Records(0, Fixtures.cifar100LabelRange(0, TEST));
                            Fixtures.write(folder.resolve("test.bin"), Arrays.copyOf(records, records.length - 1));
                        }),
                new Broken(
                        "extraRecordsAreAWrongSize",
                        GZIPPED,
                        Split.TEST,
                        "test.bin.gz",
                        "wrong size: inflates to more than 12296 bytes, larger than 4 records of 3074 bytes",
                        folder -> Fixtures.writeGz(
                                folder.resolve("test.bin"),
                                Fixtures.cifar100Records(0, Fixtures.cifar100LabelRange(0, TEST + 1)))),
                new Broken(
                        "fineLabelOutOfRangeNamesRecordAndValue",
                        PLAIN,
                        Split.TEST,
                        "test.bin",
                        "fine label out of range: record 1 holds 100, expected 0..99",
                        folder -> Fixtures.write(
                                folder.resolve("test.bin"),
                                Fixtures.cifar100Records(
                                        0, new int[] {0, 1}, new int[] {3, 100}, new int[] {1, 5}, new int[] {2, 10}))),
                new Broken(
                        "coarseLabelOutOfRangeFailsEvenWhenFineLabelsAreKept",
                        PLAIN,
                        Split.TEST,
                        "test.bin",
                        "coarse label out of range: record 3 holds 20, expected 0..19",
                        folder -> Fixtures.write(
                                folder.resolve("test.bin"),
                                Fixtures.cifar100Records(
                                        0, new int[] {0, 1}, new int[] {3, 15}, new int[] {1, 5}, new int[] {20, 10}))),
                new Broken(
                        "labelNamesFileMustListTheClasses",
                        PLAIN,
                        Split.TEST,
                        "fine_label_names.txt",
                        "expected 100 class names, one per line, found 2",
                        folder -> Fixtures.write(
                                folder.resolve("fine_label_names.txt"), "apple\naquarium_fish\n".getBytes())));
    }

    /** Loading the fine labels names the broken file; the coarse labels are still checked, though not kept. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsNamedWithItsProblem(Broken broken) throws IOException {
        Fixtures.cifar100Folder(dir, TRAIN, TEST, broken.gzipped());
        broken.assertRefused(dir, () -> Cifar100.load(dir, broken.split(), Cifar100.Labels.FINE, TEST));
    }

    @Test
    void datasetNameListsTheFourOfficialFiles() throws IOException {
        Path root = dir.resolve("root");
        Fixtures.cifar100Folder(root.resolve("cifar-100-binary"), TRAIN, TEST, true);
        assertTrue(DataLocation.has(root, DatasetName.CIFAR100));
    }
}
