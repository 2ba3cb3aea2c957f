package ai.dfalab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Allocates batch arrays that decoder threads fill in place, outside any workspace the caller may have open. */
final class OffHeap {
    private OffHeap() {}

    /** A new uninitialised float32 C-order {@code rows x columns} array, detached from workspaces. */
    static INDArray floats(int rows, int columns) {
        // Outliving the caller's workspace scope is the point: the batch is handed to the trainer later.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, columns}, 'c');
        }
    }
}
