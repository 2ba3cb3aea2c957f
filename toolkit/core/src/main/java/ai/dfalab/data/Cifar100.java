package ai.dfalab.data;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads CIFAR-100 from the official binary version (plain or gzipped) into a {@link LabeledData} of 3 x 32 x 32
 * samples with its fine (100) or coarse (20) labels. Checks sizes and both label bytes, naming the file at fault.
 * Runs and notebooks read it through {@link DataCache}, which loads each split once per JVM.
 */
public final class Cifar100 {
    public static final int FINE_CLASSES = 100;
    public static final int COARSE_CLASSES = 20;
    /** A coarse label byte (0-19), a fine label byte (0-99), then the R, G and B planes, each 32 x 32 row-major. */
    public static final int RECORD_BYTES = 2 + CifarRecords.PIXELS;

    public static final int TRAIN_RECORDS = 50_000;
    public static final int TEST_RECORDS = 10_000;
    /**
     * Pixels / 255, then the per-channel mean and standard deviation of the 50,000 training images (over all their
     * pixels), the values published with weiaicunzai/pytorch-cifar100 ({@code conf/global_settings.py}) and used
     * widely; {@code Cifar100RealDataTest} recomputes them from the files. The authors' code normalised CIFAR-100
     * with CIFAR-10's values ({@code NORMALIZATION['CIFAR']}); the difference is a small shift and scale.
     */
    public static final Normalization NORMALIZATION =
            new Normalization(new float[] {0.5071f, 0.4865f, 0.4409f}, new float[] {0.2673f, 0.2564f, 0.2762f});

    static final String TRAIN_FILE = "train.bin";
    static final String TEST_FILE = "test.bin";

    /** Which of the two label bytes to keep. */
    public enum Labels {
        /** The 100 classes (the paper's Table 3). */
        FINE(FINE_CLASSES, "fine_label_names.txt"),
        /** The 20 superclasses. */
        COARSE(COARSE_CLASSES, "coarse_label_names.txt");

        private final int classes;
        /** The file listing the class names, one per line. */
        private final String namesFile;

        Labels(int classes, String namesFile) {
            this.classes = classes;
            this.namesFile = namesFile;
        }
    }

    private Cifar100() {}

    /** Loads {@code split} with fine labels from {@code dir}, the official {@code cifar-100-binary} folder. */
    public static LabeledData load(Path dir, Split split) {
        return load(dir, split, Labels.FINE);
    }

    /** Loads {@code split} from {@code dir} with the {@code labels} chosen. */
    public static LabeledData load(Path dir, Split split, Labels labels) {
        return load(dir, split, labels, split == Split.TRAIN ? TRAIN_RECORDS : TEST_RECORDS);
    }

    /** As {@link #load(Path, Split, Labels)} with a custom record count, so tests can use small files. */
    static LabeledData load(Path dir, Split split, Labels labels, int records) {
        List<String> classNames =
                CifarRecords.classNames(DataLocation.file(dir, labels.namesFile, DatasetName.CIFAR100), labels.classes);
        Path file = DataLocation.file(dir, split == Split.TRAIN ? TRAIN_FILE : TEST_FILE, DatasetName.CIFAR100);
        CifarRecords layout = new CifarRecords(
                List.of(
                        new CifarRecords.LabelByte("coarse label", COARSE_CLASSES),
                        new CifarRecords.LabelByte("fine label", FINE_CLASSES)),
                labels == Labels.FINE ? 1 : 0,
                NORMALIZATION);

        int[] y = new int[records];
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {records, CifarRecords.PIXELS}, 'c');
        layout.decode(file, records, x, y, 0);
        String name =
                "cifar100-" + (labels == Labels.COARSE ? "coarse-" : "") + (split == Split.TRAIN ? "train" : "test");
        return new LabeledData(
                name,
                x,
                y,
                labels.classes,
                new int[] {CifarRecords.CHANNELS, CifarRecords.SIDE, CifarRecords.SIDE},
                classNames,
                NORMALIZATION);
    }
}
