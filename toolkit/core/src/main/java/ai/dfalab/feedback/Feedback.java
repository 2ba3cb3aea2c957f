package ai.dfalab.feedback;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixed random feedback of DFA: maps the global error {@code e} to the signal {@code t_i = B_i e}
 * at every feedback point {@code i}. Points are numbered from the input side, starting at 0.
 */
public interface Feedback {

    /** Number of feedback points. */
    int points();

    /** Size {@code l_i} of feedback point {@code i}. */
    int size(int point);

    /** Length {@code e} of the error vector (number of classes). */
    int errorSize();

    /**
     * Writes {@code alpha * t_i} for a batch into {@code out}: {@code out = alpha * E B_i^T}, where
     * {@code E} is {@code batch x e} (one error per row) and {@code out} is {@code batch x l_i}.
     */
    void project(int point, INDArray error, INDArray out, double alpha);

    /** {@code t_i = E B_i^T} in a new {@code batch x l_i} array. */
    default INDArray project(int point, INDArray error) {
        INDArray out = Nd4j.createUninitialized(error.dataType(), error.size(0), size(point));
        project(point, error, out, 1.0);
        return out;
    }

    /** Whether points {@code i} and {@code j} always get the same signal (same {@code B}), so one projection serves both. */
    default boolean sameSignal(int i, int j) {
        return i == j;
    }

    /** The matrix {@code B_i} ({@code l_i x e}), as a new array: for figures, tests and checks. */
    INDArray matrix(int point);

    /** Bytes of feedback weights this object holds (what it allocated, not what it computes). */
    long bytes();

    /** The ND4J buffers behind the feedback weights (views share their parent's), to check what is really allocated. */
    java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> buffers();
}
