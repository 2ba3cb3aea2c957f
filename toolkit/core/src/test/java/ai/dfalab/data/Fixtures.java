package ai.dfalab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny data files in the official MNIST IDX and CIFAR-10/100 binary formats, for format and corruption tests. */
final class Fixtures {
    static final int TEST_FIRST = 100;
    static final String CIFAR_META = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";

    private Fixtures() {}

    /** An IDX file: magic, big-endian dimensions, then {@code payload}. */
    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    /** {@code n} images of {@code rows x cols} whose pixel {@code k} (over the whole file) is {@code (7k + 3) % 256}. */
    static byte[] mnistImages(int n, int rows, int cols) {
        return idx(Mnist.IMAGES_MAGIC, new int[] {n, rows, cols}, pattern(n * rows * cols, 7, 3));
    }

    static byte[] mnistLabels(int... labels) {
        byte[] payload = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            payload[i] = (byte) labels[i];
        }
        return idx(Mnist.LABELS_MAGIC, new int[] {labels.length}, payload);
    }

    /**
     * CIFAR-10 records with the given labels, numbered from {@code first}: pixel byte {@code k} of record number
     * {@code m} is {@link #cifarPixel cifarPixel(m, k)}, so every record of a folder differs from every other.
     */
    static byte[] cifarRecords(int first, int... labels) {
        byte[] out = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int at = r * Cifar10.RECORD_BYTES;
            out[at] = (byte) labels[r];
            for (int k = 0; k < Cifar10.PIXELS; k++) {
                out[at + 1 + k] = (byte) cifarPixel(first + r, k);
            }
        }
        return out;
    }

    /**
     * CIFAR-100 records numbered from {@code first}, each with its {coarse, fine} label pair; pixels as
     * {@link #cifarRecords}.
     */
    static byte[] cifar100Records(int first, int[]... labels) {
        byte[] out = new byte[labels.length * Cifar100.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int at = r * Cifar100.RECORD_BYTES;
            out[at] = (byte) labels[r][0];
            out[at + 1] = (byte) labels[r][1];
            for (int k = 0; k < Cifar10.PIXELS; k++) {
                out[at + 2 + k] = (byte) cifarPixel(first + r, k);
            }
        }
        return out;
    }

    /** The {coarse, fine} labels of generated CIFAR-100 record {@code m}: fine {@code 7m % 100}, coarse its fifth. */
    static int[] cifar100Labels(int record) {
        int fine = 7 * record % 100;
        return new int[] {fine / 5, fine};
    }

    /**
     * A CIFAR-100 folder: {@code train} records numbered from 0, {@code test} numbered from {@link #TEST_FIRST}, labels
     * {@link #cifar100Labels}, and label-name files {@code fine_k} and {@code coarse_k}.
     */
    static Path cifar100Folder(Path dir, int train, int test, boolean gzipped) throws IOException {
        write(dir.resolve("fine_label_names.txt"), names("fine_", 100).getBytes());
        write(dir.resolve("coarse_label_names.txt"), names("coarse_", 20).getBytes());
        store(dir.resolve(Cifar100.TRAIN_FILE), cifar100Records(0, cifar100LabelRange(0, train)), gzipped);
        store(
                dir.resolve(Cifar100.TEST_FILE),
                cifar100Records(TEST_FIRST, cifar100LabelRange(TEST_FIRST, test)),
                gzipped);
        return dir;
    }

    static int[][] cifar100LabelRange(int first, int count) {
        int[][] labels = new int[count][];
        for (int r = 0; r < count; r++) {
            labels[r] = cifar100Labels(first + r);
        }
        return labels;
    }

    private static String names(String prefix, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(prefix).append(i).append('\n');
        }
        return s.append('\n').toString();
    }

    static int cifarPixel(int record, int k) {
        return (record + 5 * k) % 256;
    }

    static byte[] pattern(int length, int step, int offset) {
        byte[] out = new byte[length];
        for (int k = 0; k < length; k++) {
            out[k] = (byte) ((step * k + offset) % 256);
        }
        return out;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Writes {@code bytes} gzipped to {@code file + ".gz"}. */
    static Path writeGz(Path file, byte[] bytes) throws IOException {
        return write(file.resolveSibling(file.getFileName() + ".gz"), gzip(bytes));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /**
     * A CIFAR-10 folder of {@code records} per file. Train batch {@code b} holds records numbered from
     * {@code (b - 1) * records} with labels {@code (b + r) % 10}; the test batch numbers from {@link #TEST_FIRST}.
     */
    static Path cifarFolder(Path dir, int records, boolean gzipped) throws IOException {
        write(dir.resolve(Cifar10.META_FILE), CIFAR_META.getBytes());
        for (int b = 1; b <= 5; b++) {
            int[] labels = new int[records];
            for (int r = 0; r < records; r++) {
                labels[r] = (b + r) % 10;
            }
            store(dir.resolve("data_batch_" + b + ".bin"), cifarRecords((b - 1) * records, labels), gzipped);
        }
        int[] testLabels = new int[records];
        for (int r = 0; r < records; r++) {
            testLabels[r] = 9 - r % 10;
        }
        store(dir.resolve("test_batch.bin"), cifarRecords(TEST_FIRST, testLabels), gzipped);
        return dir;
    }

    static Path store(Path file, byte[] bytes, boolean gzipped) throws IOException {
        return gzipped ? writeGz(file, bytes) : write(file, bytes);
    }
}
