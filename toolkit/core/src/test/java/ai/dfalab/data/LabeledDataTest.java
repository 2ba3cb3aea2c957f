package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Slicing, batch gathering and one-hot labels on a small hand-made data set. */
class LabeledDataTest {
    private static final int N = 12;
    private static final int CLASSES = 3;
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final Normalization UNIT = new Normalization(new float[] {0f}, new float[] {1f});

    /** Feature {@code k} of sample {@code i} is {@code 100 i + k}: every value tells where it came from. */
    private static LabeledData data() {
        float[] x = new float[N * 4];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = 100 * i + k;
            }
            y[i] = (i * 7) % CLASSES;
        }
        return new LabeledData(
                "toy", Nd4j.create(x, new long[] {N, 4}, 'c'), y, CLASSES, new int[] {1, 2, 2}, NAMES, UNIT);
    }

    @Test
    void batchGathersRowsAndOneHotLabels() {
        LabeledData d = data();
        int[] indices = {11, 0, 5, 5, 3};
        Batch b = d.batch(indices);

        assertEquals(5, b.size());
        assertEquals(DataType.FLOAT, b.features().dataType());
        assertEquals(DataType.FLOAT, b.labels().dataType());
        assertArrayEquals(new long[] {5, 4}, b.features().shape());
        assertArrayEquals(new long[] {5, CLASSES}, b.labels().shape());
        for (int r = 0; r < indices.length; r++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(100 * indices[r] + k, b.features().getFloat(r, k));
            }
            for (int c = 0; c < CLASSES; c++) {
                assertEquals(c == d.label(indices[r]) ? 1f : 0f, b.labels().getFloat(r, c));
            }
        }
    }

    @Test
    void batchIsACopy() {
        LabeledData d = data();
        d.batch(new int[] {2}).features().assign(-1);
        assertEquals(200f, d.x().getFloat(2, 0));
    }

    @Test
    void rowsIsAWindowWithItsOwnLabelsAndGathersCorrectly() {
        LabeledData d = data();
        LabeledData window = d.rows(4, 9);
        assertEquals("toy[4:9]", window.name());
        assertEquals(5, window.size());
        assertArrayEquals(new int[] {d.label(4), d.label(5), d.label(6), d.label(7), d.label(8)}, window.y());
        INDArray gathered = window.batch(new int[] {4, 0}).features();
        assertEquals(
                Nd4j.create(new float[] {800, 801, 802, 803, 400, 401, 402, 403}, new long[] {2, 4}, 'c'), gathered);
    }

    @Test
    void firstKeepsTheLeadingSamplesAndTheWholeIsItself() {
        LabeledData d = data();
        assertEquals(3, d.first(3).size());
        assertEquals(200f, d.first(3).x().getFloat(2, 0));
        assertSame(d, d.first(N));
        assertThrows(IndexOutOfBoundsException.class, () -> d.first(N + 1));
    }

    @Test
    void histogramCountsEachClass() {
        // Labels (7 i) mod 3 for i = 0..11 take each value 4 times.
        assertArrayEquals(new int[] {4, 4, 4}, data().histogram());
    }

    @Test
    void labelsCannotBeChangedFromOutside() {
        LabeledData d = data();
        int before = d.label(1);
        d.y()[1] = before + 1;
        assertEquals(before, d.label(1));
    }

    @Test
    void constructorRejectsInconsistentParts() {
        INDArray x = Nd4j.create(DataType.FLOAT, 2, 4);
        assertThrows(
                IllegalArgumentException.class,
                () -> new LabeledData("n", x, new int[] {0}, CLASSES, new int[] {1, 2, 2}, NAMES, UNIT));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LabeledData("d", x, new int[] {0, 1}, CLASSES, new int[] {1, 3, 3}, NAMES, UNIT));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LabeledData("y", x, new int[] {0, 3}, CLASSES, new int[] {1, 2, 2}, NAMES, UNIT));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LabeledData(
                        "t",
                        Nd4j.create(DataType.DOUBLE, 2, 4),
                        new int[] {0, 1},
                        CLASSES,
                        new int[] {1, 2, 2},
                        NAMES,
                        UNIT));
    }
}
