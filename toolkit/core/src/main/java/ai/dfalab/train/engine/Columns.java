package ai.dfalab.train.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float matrix in native memory (C order), as the engine keeps activations and gradients: one column per sample
 * ({@code features x batch}, features in DL4J's C order {@code (C, H, W)}), so that a convolution's output is one
 * product with no reordering, a channel's values are one contiguous run and a feedback signal {@code B_i e^T} lands in
 * place. The network's input alone arrives as DL4J gives it, one row per sample ({@link #sampleRows}).
 */
final class Columns {
    /** The matrix, for {@code cblas_sgemm}. */
    final INDArray array;
    /** The whole native buffer (native byte order) and the element index of entry {@code [0, 0]} in it. */
    final ByteBuffer bytes;

    final FloatBuffer floats;
    final int offset;
    final int rows;
    final int cols;
    /** One row per sample ({@code batch x features}, DL4J's layout) instead of one column. */
    final boolean sampleRows;

    private Columns(INDArray array, boolean sampleRows) {
        this.array = array;
        this.bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        this.floats = bytes.asFloatBuffer();
        this.offset = (int) array.offset();
        this.rows = (int) array.size(0);
        this.cols = (int) array.size(1);
        this.sampleRows = sampleRows;
    }

    /** A new {@code features x batch} matrix, outside any workspace (it lives as long as the engine). */
    static Columns allocate(long features, long batch) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new Columns(Nd4j.create(DataType.FLOAT, new long[] {features, batch}, 'c'), false);
        }
    }

    /** A new {@code batch x features} matrix, one row per sample. */
    static Columns allocateRows(long batch, long features) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new Columns(Nd4j.create(DataType.FLOAT, new long[] {batch, features}, 'c'), true);
        }
    }

    /** DL4J's {@code batch x features} array as it is (a C-order copy when its layout is any other). */
    static Columns ofRows(INDArray x) {
        INDArray flat = x.rank() == 2 ? x : x.reshape('c', x.size(0), x.length() / x.size(0));
        boolean direct = flat.dataType() == DataType.FLOAT
                && flat.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(flat)
                && !flat.isView();
        return new Columns(direct ? flat : flat.castTo(DataType.FLOAT).dup('c'), true);
    }

    int features() {
        return sampleRows ? cols : rows;
    }

    int batch() {
        return sampleRows ? rows : cols;
    }

    int length() {
        return rows * cols;
    }

    /** Byte position of element {@code index} (counted from entry {@code [0, 0]}) in {@link #bytes}. */
    int byteAt(int index) {
        return (offset + index) * Float.BYTES;
    }

    float get(int index) {
        return floats.get(offset + index);
    }

    void put(int index, float value) {
        floats.put(offset + index, value);
    }

    /** This matrix as DL4J lays the same values out: {@code batch x features} (a view, transposed when needed). */
    INDArray asRows() {
        return sampleRows ? array : array.transpose();
    }
}
