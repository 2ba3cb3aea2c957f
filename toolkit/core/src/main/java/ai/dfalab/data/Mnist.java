package ai.dfalab.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads MNIST from the official IDX files (plain or gzipped) into a {@link LabeledData} of 1 x 28 x 28 samples.
 * Validates headers, sizes and labels so that a damaged download fails with the file name, not a stray index error.
 * Runs and notebooks read it through {@link DataCache}, which loads each split once per JVM.
 */
public final class Mnist {
    public static final int CLASSES = 10;
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /**
     * The paper authors' MNIST normalisation: ToTensor (pixels / 255) then Normalize(mean 0.1307, std 0.3081),
     * as in {@code NORMALIZATION['MNIST']} of lightonai/principled-dfa-training, {@code mltools/data.py}.
     */
    public static final Normalization NORMALIZATION = new Normalization(new float[] {0.1307f}, new float[] {0.3081f});

    private static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private Mnist() {}

    /** Loads {@code split} from {@code dir}, which holds {@code train-*} and {@code t10k-*} IDX files. */
    public static LabeledData load(Path dir, Split split) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        Path imagesFile = DataLocation.file(dir, prefix + "-images-idx3-ubyte", DatasetName.MNIST);
        Path labelsFile = DataLocation.file(dir, prefix + "-labels-idx1-ubyte", DatasetName.MNIST);

        byte[] images = read(imagesFile, IMAGES_MAGIC, 3);
        int[] imageDims = header(imagesFile, images, IMAGES_MAGIC, 3);
        byte[] labels = read(labelsFile, LABELS_MAGIC, 1);
        int[] labelDims = header(labelsFile, labels, LABELS_MAGIC, 1);
        int n = imageDims[0];
        if (labelDims[0] != n) {
            throw new DataFormatException(
                    labelsFile,
                    "holds " + labelDims[0] + " labels but " + imagesFile + " holds " + n
                            + " images (image and label counts must agree)");
        }

        int[] y = new int[n];
        int labelOffset = headerBytes(1);
        for (int i = 0; i < n; i++) {
            y[i] = labels[labelOffset + i] & 0xFF;
            if (y[i] >= CLASSES) {
                throw new DataFormatException(
                        labelsFile,
                        "label out of range: record " + i + " holds " + y[i] + ", expected 0.." + (CLASSES - 1));
            }
        }

        int pixels = imageDims[1] * imageDims[2];
        float[] table = NORMALIZATION.table(0);
        float[] x = new float[n * pixels];
        int imageOffset = headerBytes(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = table[images[imageOffset + i] & 0xFF];
        }
        return new LabeledData(
                "mnist-" + split.name().toLowerCase(Locale.ROOT),
                Nd4j.create(x, new long[] {n, pixels}, 'c'),
                y,
                CLASSES,
                new int[] {1, imageDims[1], imageDims[2]},
                CLASS_NAMES,
                NORMALIZATION);
    }

    /** The file's bytes, read no further than its header's dimensions imply (checked first on the header alone). */
    private static byte[] read(Path file, int magic, int rank) {
        byte[] head = DataFiles.readHead(file, headerBytes(rank));
        int[] dims = dims(file, head, magic, rank);
        long expected = expectedBytes(file, dims);
        return DataFiles.readAll(
                file, expected, "the " + expected + " bytes its header announces (" + joinDims(dims) + ")");
    }

    private static int headerBytes(int rank) {
        return 4 * (1 + rank);
    }

    /** The header's dimensions, after checking the magic and that the file holds exactly the bytes they announce. */
    private static int[] header(Path file, byte[] bytes, int magic, int rank) {
        int[] dims = dims(file, bytes, magic, rank);
        long expected = expectedBytes(file, dims);
        String announced = "header announces " + joinDims(dims) + " (" + expected + " bytes) but the file has "
                + bytes.length + " bytes";
        if (bytes.length < expected) {
            throw new DataFormatException(file, "truncated: " + announced);
        }
        if (bytes.length > expected) {
            throw new DataFormatException(file, "wrong size: " + announced);
        }
        return dims;
    }

    /** The magic checked and the dimensions read from the first bytes of a file. */
    private static int[] dims(Path file, byte[] bytes, int magic, int rank) {
        int headerBytes = headerBytes(rank);
        ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian, as IDX requires
        // The magic first: a wrong file type is a clearer report than the short header it may imply.
        if (bytes.length >= 4 && header.getInt(0) != magic) {
            throw new DataFormatException(
                    file, String.format("bad magic number: expected 0x%08X, found 0x%08X", magic, header.getInt(0)));
        }
        if (bytes.length < headerBytes) {
            throw new DataFormatException(
                    file,
                    "truncated: " + bytes.length + " bytes, shorter than the " + headerBytes + "-byte IDX header");
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = header.getInt(4 + 4 * d);
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new DataFormatException(file, "bad header: dimension " + d + " is " + dims[d]);
            }
        }
        return dims;
    }

    /** Header and payload bytes the dimensions announce; refused above what one array can hold. */
    private static long expectedBytes(Path file, int[] dims) {
        long expected = headerBytes(dims.length);
        long payload = 1;
        for (int d : dims) {
            payload *= d; // checked at each factor: below 2^31 times below 2^31 cannot overflow a long
            if (expected + payload >= Integer.MAX_VALUE) {
                throw new DataFormatException(file, "bad header: " + joinDims(dims) + " is too large to load");
            }
        }
        return expected + payload;
    }

    private static String joinDims(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) {
            s.append(s.length() == 0 ? "" : " x ").append(d);
        }
        return s.toString();
    }
}
