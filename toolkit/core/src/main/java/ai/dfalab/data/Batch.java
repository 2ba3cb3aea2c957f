package ai.dfalab.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: {@code features} (b x d, float32) and one-hot {@code labels} (b x classes, float32).
 * Both are fresh arrays, so a training step may modify them without touching the data set.
 */
public record Batch(INDArray features, INDArray labels) {
    public int size() {
        return (int) features.rows();
    }
}
