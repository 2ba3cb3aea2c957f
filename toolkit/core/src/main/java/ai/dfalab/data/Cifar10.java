package ai.dfalab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads CIFAR-10 from the official binary version (plain or gzipped) into a {@link LabeledData} of 3 x 32 x 32
 * samples, normalised as the paper's code does. Checks sizes and labels so damaged files fail with their name.
 * Runs and notebooks read it through {@link DataCache}, which loads each split once per JVM.
 */
public final class Cifar10 {
    public static final int CLASSES = 10;
    public static final int CHANNELS = CifarRecords.CHANNELS;
    public static final int SIDE = CifarRecords.SIDE;
    public static final int PIXELS = CifarRecords.PIXELS;
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
     * The authors' code (docs/paper-vs-code.md): pixels / 255, then per-channel mean (0.4914, 0.4822, 0.4465) and
     * std (0.2023, 0.1994, 0.2010) ({@code NORMALIZATION['CIFAR']} in lightonai/principled-dfa-training).
     */
    public static final Normalization NORMALIZATION =
            new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2023f, 0.1994f, 0.2010f});

    static final String META_FILE = "batches.meta.txt";
    private static final CifarRecords RECORDS =
            new CifarRecords(List.of(new CifarRecords.LabelByte("label", CLASSES)), 0, NORMALIZATION);
    private static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    private static final List<String> TEST_FILES = List.of("test_batch.bin");

    private Cifar10() {}

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
        Path meta = DataLocation.file(dir, META_FILE, DatasetName.CIFAR10);
        List<String> classNames = CifarRecords.classNames(meta, CLASSES);
        List<Path> files = new ArrayList<>();
        for (String name : split == Split.TRAIN ? TRAIN_FILES : TEST_FILES) {
            files.add(DataLocation.file(dir, name, DatasetName.CIFAR10)); // all present before the slow part
        }

        int n = files.size() * recordsPerFile;
        int[] y = new int[n];
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, PIXELS}, 'c');
        for (int f = 0; f < files.size(); f++) {
            RECORDS.decode(files.get(f), recordsPerFile, x, y, f * recordsPerFile);
        }
        String name = "cifar10-" + (split == Split.TRAIN ? "train" : "test");
        return new LabeledData(name, x, y, CLASSES, new int[] {CHANNELS, SIDE, SIDE}, classNames, NORMALIZATION);
    }
}
