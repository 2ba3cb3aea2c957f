package ai.dfalab.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The record layout shared by the CIFAR-10 and CIFAR-100 binary versions: label bytes, then the R, G and B planes of
 * 32 x 32 pixels. Decodes one file into rows of a feature matrix, checking its size and every label byte.
 */
final class CifarRecords {
    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int PIXELS = CHANNELS * SIDE * SIDE;
    /** Records converted per native copy: bounds the transient heap to about 12 MB whatever the file size. */
    private static final int CHUNK = 1000;

    /** Far more than any list of class names takes (CIFAR-100's fine names: about 700 bytes). */
    private static final int MAX_NAMES_BYTES = 1 << 16;

    /** One label byte of a record: what messages call it and how many classes it counts. */
    record LabelByte(String name, int classes) {}

    private final List<LabelByte> labelBytes;
    private final int used;
    private final Normalization normalization;

    /** Records whose leading bytes are {@code labelBytes}; the labels kept are those of byte {@code used}. */
    CifarRecords(List<LabelByte> labelBytes, int used, Normalization normalization) {
        this.labelBytes = List.copyOf(labelBytes);
        this.used = used;
        this.normalization = normalization;
    }

    int recordBytes() {
        return labelBytes.size() + PIXELS;
    }

    /**
     * Decodes {@code file}, which must hold exactly {@code records} records, into rows {@code first...} of {@code x}
     * (normalised pixels, n x 3072) and {@code y} (the kept label).
     */
    void decode(Path file, int records, INDArray x, int[] y, int first) {
        int recordBytes = recordBytes();
        long expected = (long) records * recordBytes;
        byte[] bytes = DataFiles.readAll(
                file, expected, records + " records of " + recordBytes + " bytes (" + expected + " bytes)");
        if (bytes.length % recordBytes != 0) {
            throw new DataFormatException(
                    file,
                    "wrong size: " + bytes.length + " bytes is not a multiple of the " + recordBytes
                            + "-byte record (expected exactly " + expected + " bytes)");
        }
        if (bytes.length != expected) {
            throw new DataFormatException(
                    file,
                    (bytes.length < expected ? "truncated" : "wrong size") + ": " + bytes.length / recordBytes
                            + " records, expected " + records + " (" + expected + " bytes)");
        }
        float[][] tables = new float[CHANNELS][];
        for (int c = 0; c < CHANNELS; c++) {
            tables[c] = normalization.table(c);
        }
        int plane = SIDE * SIDE;
        for (int start = 0; start < records; start += CHUNK) {
            int count = Math.min(CHUNK, records - start);
            float[] chunk = new float[count * PIXELS];
            for (int i = 0; i < count; i++) {
                int r = start + i;
                int in = r * recordBytes;
                y[first + r] = checkedLabels(file, bytes, in, r);
                // The file's R, G, B planes are already CHW order: copy straight through the look-up tables.
                for (int c = 0; c < CHANNELS; c++) {
                    float[] table = tables[c];
                    int from = in + labelBytes.size() + c * plane;
                    int to = i * PIXELS + c * plane;
                    for (int p = 0; p < plane; p++) {
                        chunk[to + p] = table[bytes[from + p] & 0xFF];
                    }
                }
            }
            INDArray part = Nd4j.create(chunk, new long[] {count, PIXELS}, 'c');
            x.get(NDArrayIndex.interval(first + start, first + start + count), NDArrayIndex.all())
                    .assign(part);
            part.close();
        }
    }

    /** The kept label of the record at {@code in}, after checking every label byte of it. */
    private int checkedLabels(Path file, byte[] bytes, int in, int record) {
        for (int b = 0; b < labelBytes.size(); b++) {
            int label = bytes[in + b] & 0xFF;
            LabelByte kind = labelBytes.get(b);
            if (label >= kind.classes()) {
                throw new DataFormatException(
                        file,
                        kind.name() + " out of range: record " + record + " holds " + label + ", expected 0.."
                                + (kind.classes() - 1));
            }
        }
        return bytes[in + used] & 0xFF;
    }

    /** The class names listed one per line in {@code file} (blank lines ignored); exactly {@code classes} of them. */
    static List<String> classNames(Path file, int classes) {
        List<String> names = new String(
                        DataFiles.readAll(
                                file, MAX_NAMES_BYTES, MAX_NAMES_BYTES + " bytes for " + classes + " class names"),
                        StandardCharsets.US_ASCII)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (names.size() != classes) {
            throw new DataFormatException(
                    file, "expected " + classes + " class names, one per line, found " + names.size());
        }
        return names;
    }
}
