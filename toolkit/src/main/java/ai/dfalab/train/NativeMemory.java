package ai.dfalab.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory in check during training. Without DL4J workspaces every step allocates native
 * arrays that are freed only when their small Java objects are collected, and the Java heap fills too slowly to
 * trigger that: a batch-norm or dropout run through DL4J's layers grew past 20 GB here and was killed. When the
 * process's resident memory passes a budget (a quarter of the machine's memory, at least 2 GB, or
 * {@code -Ddfa.memory.budget=BYTES}), this asks for a collection; after one, the next waits until the resident memory
 * has grown by half the budget past what the collection left.
 */
public final class NativeMemory {
    private static final long BUDGET = Long.getLong("dfa.memory.budget",
            Math.max(2L << 30, Pointer.totalPhysicalBytes() / 4));
    /** Resident bytes above which the next collection is asked for. */
    private static volatile long threshold = BUDGET;

    private NativeMemory() {
    }

    /**
     * Collects if the resident memory is past the budget. Called after each step, each evaluated chunk and each layer
     * of the layer path (microseconds when under budget): one VGG-16 step or a 1,000-image evaluation through DL4J's
     * conv layers allocates gigabytes.
     */
    public static void collectIfNeeded() {
        if (Pointer.physicalBytes() > threshold) {
            System.gc();
            // What stays resident after a collection is live data (weights, a 1.28 GB feedback matrix) or memory the C
            // allocator keeps for reuse: collecting again before new garbage accumulates on top of it only costs time
            // (a collection after every VGG-16 layer made its DFA step several times slower than BP's).
            threshold = Math.max(BUDGET, Pointer.physicalBytes() + BUDGET / 2);
        }
    }

    /** The resident-memory budget in bytes. */
    public static long budget() {
        return BUDGET;
    }
}
