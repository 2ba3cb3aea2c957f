package ai.dfalab.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Loads CIFAR-10 from the official binary version (plain or gzipped) into a {@link LabeledData} of 3 x 32 x 32
 * samples, normalised as the paper's code does. Checks sizes and labels so damaged files fail with their name.
 */
public final class Cifar10 {
    public static final int CLASSES = 10;
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int PIXELS = CHANNELS * SIDE * SIDE;
    /** One label byte, then the R, G and B planes, each 32 x 32 row-major. */
    public static final int RECORD_BYTES = 1 + PIXELS;
    public static final int RECORDS_PER_FILE = 10_000;
    /**
     * Test records 0-999 of the shared copy ({@code shared/data}) are the official pixels; records 1000-9999 were
     * decoded from JPEG (quality 75) copies and score up to about a point lower. Labels are all exact. Report test
     * accuracy on the full set and on {@link #exactTestSubset} (an official {@code test_batch.bin} is exact throughout).
     */
    public static final int EXACT_TEST_RECORDS = 1000;
    /**
     * SPEC section 2 and the seed code: pixels / 255, then per-channel mean (0.4914, 0.4822, 0.4465) and
     * std (0.2023, 0.1994, 0.2010) ({@code NORMALIZATION['CIFAR']} in lightonai/principled-dfa-training).
     */
    public static final Normalization NORMALIZATION = new Normalization(
            new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2023f, 0.1994f, 0.2010f});

    static final String META_FILE = "batches.meta.txt";
    private static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    private static final List<String> TEST_FILES = List.of("test_batch.bin");

    private Cifar10() {
    }

    /** The 50,000 training images under {@link DataLocation#cifar10()}. */
    public static LabeledData train() {
        return load(DataLocation.cifar10(), Split.TRAIN);
    }

    /** The 10,000 test images under {@link DataLocation#cifar10()}. */
    public static LabeledData test() {
        return load(DataLocation.cifar10(), Split.TEST);
    }

    /** Loads {@code split} from {@code dir}, the official {@code cifar-10-batches-bin} folder. */
    public static LabeledData load(Path dir, Split split) {
        return load(dir, split, RECORDS_PER_FILE);
    }

    /** The first {@link #EXACT_TEST_RECORDS} test samples, those whose pixels are exact in the shared copy. */
    public static LabeledData exactTestSubset(LabeledData test) {
        if (test.size() < EXACT_TEST_RECORDS) {
            throw new IllegalArgumentException(test.name() + " has " + test.size() + " samples, fewer than the "
                    + EXACT_TEST_RECORDS + " exact test records");
        }
        return test.first(EXACT_TEST_RECORDS);
    }

    /** As {@link #load(Path, Split)} with a custom record count per file, so tests can use small files. */
    static LabeledData load(Path dir, Split split, int recordsPerFile) {
        List<String> classNames = classNames(DataLocation.file(dir, META_FILE, DatasetName.CIFAR10));
        List<Path> files = new ArrayList<>();
        for (String name : split == Split.TRAIN ? TRAIN_FILES : TEST_FILES) {
            files.add(DataLocation.file(dir, name, DatasetName.CIFAR10)); // all present before the slow part
        }

        int n = files.size() * recordsPerFile;
        int[] y = new int[n];
        // Filled one file at a time: never more than one file's floats on the heap besides the result.
        INDArray x = files.size() == 1 ? null : Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, PIXELS}, 'c');
        for (int f = 0; f < files.size(); f++) {
            int first = f * recordsPerFile;
            INDArray part = decode(files.get(f), recordsPerFile, y, first);
            if (x == null) {
                x = part;
            } else {
                x.get(NDArrayIndex.interval(first, first + recordsPerFile), NDArrayIndex.all()).assign(part);
                part.close();
            }
        }
        String name = "cifar10-" + (split == Split.TRAIN ? "train" : "test");
        return new LabeledData(name, x, y, CLASSES, new int[] {CHANNELS, SIDE, SIDE}, classNames, NORMALIZATION);
    }

    /** Normalised pixels of one batch file (records x 3072); its labels go to {@code y[first...]}. */
    private static INDArray decode(Path file, int records, int[] y, int first) {
        byte[] bytes = DataFiles.readAll(file);
        long expected = (long) records * RECORD_BYTES;
        if (bytes.length % RECORD_BYTES != 0) {
            throw new DataFormatException(file, "wrong size: " + bytes.length + " bytes is not a multiple of the "
                    + RECORD_BYTES + "-byte record (expected exactly " + expected + " bytes)");
        }
        if (bytes.length != expected) {
            throw new DataFormatException(file, (bytes.length < expected ? "truncated" : "wrong size") + ": "
                    + bytes.length / RECORD_BYTES + " records, expected " + records + " (" + expected + " bytes)");
        }
        float[][] tables = new float[CHANNELS][];
        for (int c = 0; c < CHANNELS; c++) {
            tables[c] = NORMALIZATION.table(c);
        }
        int plane = SIDE * SIDE;
        float[] x = new float[records * PIXELS];
        for (int r = 0; r < records; r++) {
            int in = r * RECORD_BYTES;
            int label = bytes[in] & 0xFF;
            if (label >= CLASSES) {
                throw new DataFormatException(file, "label out of range: record " + r + " holds " + label
                        + ", expected 0.." + (CLASSES - 1));
            }
            y[first + r] = label;
            // The file's R, G, B planes are already CHW order: copy straight through the look-up tables.
            int out = r * PIXELS;
            for (int c = 0; c < CHANNELS; c++) {
                float[] table = tables[c];
                int from = in + 1 + c * plane;
                int to = out + c * plane;
                for (int p = 0; p < plane; p++) {
                    x[to + p] = table[bytes[from + p] & 0xFF];
                }
            }
        }
        return Nd4j.create(x, new long[] {records, PIXELS}, 'c');
    }

    private static List<String> classNames(Path meta) {
        List<String> names = new String(DataFiles.readAll(meta), StandardCharsets.US_ASCII).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (names.size() != CLASSES) {
            throw new DataFormatException(meta, "expected " + CLASSES + " class names, one per line, found "
                    + names.size());
        }
        return names;
    }
}
