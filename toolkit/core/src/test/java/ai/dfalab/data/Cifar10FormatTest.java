package ai.dfalab.data;

import static ai.dfalab.data.MnistFormatTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIFAR-10 binary parsing on tiny generated batches (4 records a file): exact values and named errors. */
class Cifar10FormatTest {
    private static final int RECORDS = 4;
    private static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    private static final double[] STD = {0.2023, 0.1994, 0.2010};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void trainConcatenatesTheFiveBatchesInOrder(boolean gzipped) throws IOException {
        Fixtures.cifarFolder(dir, RECORDS, gzipped);
        LabeledData d = Cifar10.load(dir, Split.TRAIN, RECORDS);

        assertEquals("cifar10-train", d.name());
        assertEquals(5 * RECORDS, d.size());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape());
        assertEquals(
                List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classNames());
        for (int b = 1; b <= 5; b++) {
            for (int r = 0; r < RECORDS; r++) {
                int sample = (b - 1) * RECORDS + r;
                assertEquals((b + r) % 10, d.label(sample), "label of batch " + b + " record " + r);
                assertSampleIs(d, sample, sample);
            }
        }
    }

    @Test
    void testSplitReadsTestBatch() throws IOException {
        Fixtures.cifarFolder(dir, RECORDS, true);
        LabeledData d = Cifar10.load(dir, Split.TEST, RECORDS);
        assertEquals("cifar10-test", d.name());
        assertArrayEquals(new int[] {9, 8, 7, 6}, d.y());
        for (int r = 0; r < RECORDS; r++) {
            assertSampleIs(d, r, Fixtures.TEST_FIRST + r);
        }
    }

    /** Sample {@code sample} holds the normalised pixels of generated record number {@code record}, R, G, B planes. */
    private static void assertSampleIs(LabeledData d, int sample, int record) {
        for (int k = 0; k < Cifar10.PIXELS; k += 97) {
            int channel = k / 1024;
            int raw = Fixtures.cifarPixel(record, k);
            double expected = (raw / 255.0 - MEAN[channel]) / STD[channel];
            assertEquals(expected, d.x().getFloat(sample, k), 1e-5, "sample " + sample + " feature " + k);
            assertEquals(raw, d.pixel(sample, channel, (k % 1024) / 32, k % 32));
        }
    }

    @Test
    void missingBatchFileIsNamedWithFetchHint() throws IOException {
        Fixtures.cifarFolder(dir, RECORDS, false);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DataFormatException e = assertProblem(
                dir.resolve("data_batch_4.bin"), "missing file", () -> Cifar10.load(dir, Split.TRAIN, RECORDS));
        assertEquals(true, e.getMessage().contains("data-scripts/fetch-cifar10"), e.getMessage());
    }

    @Test
    void officialFilesMustHoldTenThousandRecords() throws IOException {
        Fixtures.cifarFolder(dir, RECORDS, false);
        assertProblem(
                dir.resolve("test_batch.bin"), "expected 10000 (30730000 bytes)", () -> Cifar10.load(dir, Split.TEST));
    }

    /** How a generated folder's files are stored. */
    static final boolean PLAIN = false, GZIPPED = true;

    /** Changes a generated folder so that one of its files is broken. */
    interface Damage {
        void to(Path folder) throws IOException;
    }

    /**
     * A broken file: the generated folder ({@code gzipped} or not) with {@code damage} done, loading {@code split}
     * fails naming {@code file} and saying {@code problem}. Shown by {@code name}, the test it once was on its own.
     * CIFAR-100's tests use it too.
     */
    record Broken(String name, boolean gzipped, Split split, String file, String problem, Damage damage) {
        /** Does the damage to the generated folder {@code dir}; then {@code load} must fail as said. */
        void assertRefused(Path dir, Runnable load) throws IOException {
            damage.to(dir);
            assertProblem(dir.resolve(file), problem, load);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                new Broken(
                        "sizeNotAMultipleOfTheRecordIsAWrongSize",
                        PLAIN,
                        Split.TEST,
                        "test_batch.bin",
                        "wrong size: 12192 bytes is not a multiple of the 3073-byte record",
                        folder -> {
                            byte[] records = Fixtures.cifarRecords(0, 1, 2, 3, 4);
                            Fixtures.write(
                                    folder.resolve("test_batch.bin"), Arrays.copyOf(records, records.length - 100));
                        }),
                new Broken(
                        "missingRecordsAreTruncated",
                        GZIPPED,
                        Split.TRAIN,
                        "data_batch_2.bin.gz",
                        "truncated: 3 records, expected 4 (12292 bytes)",
                        folder -> Fixtures.writeGz(
                                folder.resolve("data_batch_2.bin"), Fixtures.cifarRecords(0, 1, 2, 3))),
                new Broken(
                        "extraRecordsAreAWrongSize",
                        PLAIN,
                        Split.TEST,
                        "test_batch.bin",
                        "wrong size: 15365 bytes, larger than 4 records of 3073 bytes",
                        folder -> Fixtures.write(
                                folder.resolve("test_batch.bin"), Fixtures.cifarRecords(0, 1, 2, 3, 4, 5))),
                new Broken(
                        "labelOutOfRangeNamesRecordAndValue",
                        PLAIN,
                        Split.TRAIN,
                        "data_batch_5.bin",
                        "label out of range: record 2 holds 200",
                        folder -> Fixtures.write(
                                folder.resolve("data_batch_5.bin"), Fixtures.cifarRecords(0, 1, 2, 200, 4))),
                new Broken(
                        "corruptGzipIsNamed",
                        GZIPPED,
                        Split.TRAIN,
                        "data_batch_3.bin.gz",
                        "corrupt or truncated gzip stream",
                        folder -> {
                            Path gz = folder.resolve("data_batch_3.bin.gz");
                            byte[] bytes = Files.readAllBytes(gz);
                            bytes[bytes.length - 5] ^= 0x5A; // inside the CRC/size trailer
                            Files.write(gz, bytes);
                        }),
                new Broken(
                        "metaFileMustListTenClasses",
                        PLAIN,
                        Split.TEST,
                        Cifar10.META_FILE,
                        "expected 10 class names, one per line, found 2",
                        folder -> Fixtures.write(
                                folder.resolve(Cifar10.META_FILE), "airplane\nautomobile\n".getBytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsNamedWithItsProblem(Broken broken) throws IOException {
        Fixtures.cifarFolder(dir, RECORDS, broken.gzipped());
        broken.assertRefused(dir, () -> Cifar10.load(dir, broken.split(), RECORDS));
    }
}
