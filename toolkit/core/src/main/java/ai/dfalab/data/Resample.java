package ai.dfalab.data;

import java.util.Arrays;

/**
 * Bilinear resampling of one axis as PIL (and so torchvision's Resize) does it: a triangle filter widened by the
 * scale when shrinking (antialiased), plain bilinear with edge clamping when enlarging. Taps are computed once per
 * size pair; {@link #crop} then resizes and crops in one pass, never building the full resized image.
 */
final class Resample {
    /** For output index {@code o}: input indices {@code first[o] ...} with {@code weights[o]} (summing to 1). */
    private final int[] first;

    private final float[][] weights;

    private Resample(int[] first, float[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    /** The taps that resize an axis of {@code in} samples to {@code out} samples. */
    static Resample axis(int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("cannot resample " + in + " samples to " + out);
        }
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's half-width is 1 input pixel, stretched when shrinking
        int[] first = new int[out];
        float[][] weights = new float[out][];
        for (int o = 0; o < out; o++) {
            double center = (o + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), in);
            double[] w = new double[hi - lo];
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                double d = Math.abs((i - center + 0.5) / filterScale);
                w[i - lo] = d < 1 ? 1 - d : 0;
                sum += w[i - lo];
            }
            weights[o] = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                weights[o][k] = (float) (w[k] / sum);
            }
            first[o] = lo;
        }
        return new Resample(first, weights);
    }

    int size() {
        return first.length;
    }

    /**
     * Writes the {@code side x side} square at {@code crop} of {@code src} resized by {@code rows} and {@code cols}
     * into {@code out[offset...]} (CHW), mirrored if the crop says so, each channel then mapped to
     * {@code v * scale[c] + shift[c]}. {@code scratch} holds at least {@code src.height() * side} floats.
     */
    static void crop(
            RgbImage src,
            Resample rows,
            Resample cols,
            Crop crop,
            int side,
            float[] scale,
            float[] shift,
            float[] out,
            int offset,
            float[] scratch) {
        int h = src.height();
        int w = src.width();
        if (crop.top() < 0 || crop.left() < 0 || crop.top() + side > rows.size() || crop.left() + side > cols.size()) {
            throw new IllegalArgumentException(crop + " of side " + side + " is outside the " + rows.size() + " x "
                    + cols.size() + " resized image");
        }
        int rowFrom = rows.first[crop.top()];
        int last = crop.top() + side - 1;
        int rowTo = rows.first[last] + rows.weights[last].length;
        float[] planes = src.planes();
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            // Horizontal pass over the source rows the crop needs, then the vertical pass; the affine map comes
            // last (the weights sum to 1, so mapping before or after resampling is the same).
            int plane = c * h * w;
            for (int r = rowFrom; r < rowTo; r++) {
                int in = plane + r * w;
                int to = r * side;
                for (int j = 0; j < side; j++) {
                    int o = crop.left() + (crop.flipped() ? side - 1 - j : j);
                    float[] wt = cols.weights[o];
                    int at = in + cols.first[o];
                    float v = 0;
                    for (int k = 0; k < wt.length; k++) {
                        v += wt[k] * planes[at + k];
                    }
                    scratch[to + j] = v;
                }
            }
            int base = offset + c * side * side;
            for (int i = 0; i < side; i++) {
                int o = crop.top() + i;
                float[] wt = rows.weights[o];
                int to = base + i * side;
                Arrays.fill(out, to, to + side, 0f);
                for (int k = 0; k < wt.length; k++) {
                    float wk = wt[k];
                    int from = (rows.first[o] + k) * side;
                    for (int j = 0; j < side; j++) {
                        out[to + j] += wk * scratch[from + j];
                    }
                }
                for (int j = 0; j < side; j++) {
                    out[to + j] = out[to + j] * scale[c] + shift[c];
                }
            }
        }
    }
}
