package ai.dfalab.layers;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/** Float arrays as the layers' Java loops read them: C order with default strides, addressed through NIO buffers. */
final class NativeFloats {
    private NativeFloats() {}

    /** {@code x}, or a C-order copy of it when its layout is anything else. */
    static INDArray contiguous(INDArray x) {
        return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) ? x : x.dup('c');
    }

    /** The float view of {@code x}'s whole buffer; {@code x} starts at index {@code x.offset()}. */
    static FloatBuffer floats(INDArray x) {
        return x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A fresh C-order float array outside any workspace (it outlives the pass that made it). */
    static INDArray scratch(long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        }
    }

    static INDArray detachedCopy(INDArray x) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return x.dup('c');
        }
    }
}
