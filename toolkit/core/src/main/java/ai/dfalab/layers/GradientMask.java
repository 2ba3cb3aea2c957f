package ai.dfalab.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed random 0/1 mask per gradient tensor (Bernoulli with keep probability {@code keep}), drawn once from a seed
 * and reused for the whole training: the bottleneck of the paper's figure 4.
 */
public final class GradientMask {
    private final double keep;
    private final long seed;
    private final Map<String, INDArray> masks = new HashMap<>();

    public GradientMask(double keep, long seed) {
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("mask keep probability must be in [0, 1], got " + keep);
        }
        this.keep = keep;
        this.seed = seed;
    }

    /** Bottleneck of {@code k} trainable units out of {@code width} (keep probability {@code k / width}). */
    public static GradientMask bottleneck(int k, int width, long seed) {
        if (k < 0 || k > width) {
            throw new IllegalArgumentException("bottleneck k=" + k + " must be within 0.." + width);
        }
        return new GradientMask((double) k / width, seed);
    }

    public double keep() {
        return keep;
    }

    /** The mask of tensor {@code name} for {@code shape}, drawn on first use from (seed, name, shape). */
    public synchronized INDArray mask(String name, long[] shape) {
        String key = name + Arrays.toString(shape);
        return masks.computeIfAbsent(key, k -> draw(shape, seed * 31 + k.hashCode()));
    }

    private INDArray draw(long[] shape, long streamSeed) {
        SplittableRandom random = new SplittableRandom(streamSeed);
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < keep ? 1f : 0f;
        }
        return Nd4j.create(values, shape, DataType.FLOAT);
    }
}
