package ai.dfalab.data;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An in-memory labelled data set: normalised float32 features {@code x} (n x d, C-order, each row a flattened
 * CHW sample) and integer labels {@code y}. Immutable by contract: never write into {@link #x()}.
 */
public final class LabeledData {
    private final String name;
    private final INDArray x;
    private final int[] y;
    private final int classes;
    private final int[] sampleShape;
    private final List<String> classNames;
    private final Normalization normalization;

    public LabeledData(
            String name,
            INDArray x,
            int[] y,
            int classes,
            int[] sampleShape,
            List<String> classNames,
            Normalization normalization) {
        if (x.rank() != 2 || x.dataType() != DataType.FLOAT || x.ordering() != 'c') {
            throw new IllegalArgumentException(
                    name + ": x must be a rank-2 float32 C-order matrix, got " + x.shapeInfoToString());
        }
        if (x.rows() != y.length) {
            throw new IllegalArgumentException(name + ": " + x.rows() + " feature rows but " + y.length + " labels");
        }
        long perSample = Arrays.stream(sampleShape).asLongStream().reduce(1, (a, b) -> a * b);
        if (x.columns() != perSample) {
            throw new IllegalArgumentException(name + ": " + x.columns()
                    + " features per row do not match sample shape " + Arrays.toString(sampleShape));
        }
        if (classNames.size() != classes || normalization.channels() != sampleShape[0]) {
            throw new IllegalArgumentException(name + ": " + classes + " classes, " + classNames.size()
                    + " class names, " + normalization.channels() + " normalised channels for sample shape "
                    + Arrays.toString(sampleShape));
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(
                        name + ": label " + y[i] + " of sample " + i + " is outside 0.." + (classes - 1));
            }
        }
        this.name = name;
        this.x = x;
        this.y = y.clone();
        this.classes = classes;
        this.sampleShape = sampleShape.clone();
        this.classNames = List.copyOf(classNames);
        this.normalization = normalization;
    }

    public String name() {
        return name;
    }

    /** The normalised features, n x d. Shared, not copied: treat as read-only. */
    public INDArray x() {
        return x;
    }

    /** A copy of the labels. */
    public int[] y() {
        return y.clone();
    }

    public int label(int sample) {
        return y[sample];
    }

    public int classes() {
        return classes;
    }

    /** Shape of one sample, channels first: {1, 28, 28} or {3, 32, 32}. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    public List<String> classNames() {
        return classNames;
    }

    public Normalization normalization() {
        return normalization;
    }

    public int size() {
        return y.length;
    }

    /** Features per sample, d. */
    public int features() {
        return (int) x.columns();
    }

    /** Number of samples per class. */
    public int[] histogram() {
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} samples (for {@code --train-limit}); shares memory with this data set. */
    public LabeledData first(int n) {
        return rows(0, n);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive); a view that shares memory with this data set. */
    public LabeledData rows(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException(name + ": rows [" + from + ", " + to + ") of " + size());
        }
        if (from == 0 && to == size()) {
            return this;
        }
        INDArray view = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        return new LabeledData(
                name + "[" + from + ":" + to + "]",
                view,
                Arrays.copyOfRange(y, from, to),
                classes,
                sampleShape,
                classNames,
                normalization);
    }

    /** Features of the samples at {@code indices} (new array) with their one-hot labels: one training step's input. */
    public Batch batch(int[] indices) {
        // pullRows is one native gather; x.getRows(int...) was about 5x slower for 128 rows of 3072 floats.
        return new Batch(Nd4j.pullRows(x, 1, indices), oneHot(indices));
    }

    /** One-hot float32 labels, {@code indices.length} x classes. */
    public INDArray oneHot(int[] indices) {
        float[] hot = new float[indices.length * classes];
        for (int i = 0; i < indices.length; i++) {
            hot[i * classes + y[indices[i]]] = 1f;
        }
        return Nd4j.create(hot, new long[] {indices.length, classes}, 'c');
    }

    /** The original 0..255 value of one pixel, recovered from the normalised features. */
    public int pixel(int sample, int channel, int row, int column) {
        int index = (channel * sampleShape[1] + row) * sampleShape[2] + column;
        return normalization.pixel(channel, x.getFloat(sample, index));
    }

    @Override
    public String toString() {
        return name + ": " + size() + " samples of " + Arrays.toString(sampleShape) + ", " + classes + " classes";
    }
}
