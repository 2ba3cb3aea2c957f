package ai.dfalab.data;

import java.util.Arrays;

/**
 * Per-channel pixel normalisation {@code (p / 255 - mean[c]) / std[c]}, as torchvision's ToTensor then Normalize.
 * Kept as an object so that notebooks can turn normalised features back into 0..255 pixels for display.
 */
public final class Normalization {
    private final float[] mean;
    private final float[] std;

    public Normalization(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(
                    "need one mean and one std per channel, got " + mean.length + " and " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public int channels() {
        return mean.length;
    }

    public float mean(int channel) {
        return mean[channel];
    }

    public float std(int channel) {
        return std[channel];
    }

    /** Normalised value of the 0..255 pixel {@code pixel} in {@code channel}, in float32 like the seed code. */
    public float apply(int channel, int pixel) {
        return (pixel / 255f - mean[channel]) / std[channel];
    }

    /** The 0..255 pixel that {@link #apply} maps to {@code value} (rounded, clamped). */
    public int pixel(int channel, float value) {
        long p = Math.round((value * (double) std[channel] + mean[channel]) * 255.0);
        return (int) Math.max(0, Math.min(255, p));
    }

    /** {@link #apply} for all 256 byte values of {@code channel}: the loaders' conversion is one table look-up. */
    float[] table(int channel) {
        float[] table = new float[256];
        for (int p = 0; p < 256; p++) {
            table[p] = apply(channel, p);
        }
        return table;
    }

    /** Per channel, the factor of {@code p * factor + offset}, the form {@link #apply} takes for 0..255 floats. */
    float[] factors() {
        float[] f = new float[mean.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = 1f / (255f * std[c]);
        }
        return f;
    }

    /** Per channel, the offset that goes with {@link #factors}. */
    float[] offsets() {
        float[] o = new float[mean.length];
        for (int c = 0; c < o.length; c++) {
            o[c] = -mean[c] / std[c];
        }
        return o;
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
