package ai.dfalab.backend;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory in check during training. Without DL4J workspaces every step allocates native
 * arrays that are freed only when their small Java objects are collected, and the Java heap fills too slowly to
 * trigger that: a batch-norm or dropout run through DL4J's layers grew past 20 GB here and was killed. When the
 * process's resident memory passes a budget (a quarter of the machine's memory, at least 2 GB, or
 * {@code -Ddfa.memory.budget=BYTES}), this asks for a collection, at most a fifth of the time: when live data (a
 * 1.28 GB feedback matrix, the weights) keeps the resident memory above the budget, a collection after every layer
 * made VGG-16's DFA step several times slower than BP's.
 */
public final class NativeMemory {
    private static final long BUDGET =
            Long.getLong("dfa.memory.budget", Math.max(2L << 30, Pointer.totalPhysicalBytes() / 4));
    /** After a collection that took {@code t}, the next waits at least {@code WAIT_FACTOR * t}. */
    private static final int WAIT_FACTOR = 4;

    private static long lastEnd;
    private static long lastCost;

    private NativeMemory() {}

    /**
     * Collects if the resident memory is past the budget and the last collection is long enough ago. Called after
     * each step, each evaluated chunk and each layer of the layer path (microseconds when under budget): one VGG-16
     * step or a 1,000-image evaluation through DL4J's layers allocates gigabytes.
     */
    public static void collectIfNeeded() {
        if (Pointer.physicalBytes() > BUDGET) {
            collect();
        }
    }

    private static synchronized void collect() {
        long start = System.nanoTime();
        if (lastEnd != 0 && start - lastEnd < WAIT_FACTOR * lastCost) {
            return;
        }
        System.gc();
        lastEnd = System.nanoTime();
        lastCost = lastEnd - start;
    }

    /** The resident-memory budget in bytes. */
    public static long budget() {
        return BUDGET;
    }
}
