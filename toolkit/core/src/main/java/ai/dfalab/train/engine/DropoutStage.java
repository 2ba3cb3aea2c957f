package ai.dfalab.train.engine;

import ai.dfalab.layers.SeededDropout;

/**
 * Inverted dropout with the masks of DL4J's layer path: the same {@link SeededDropout} draws them, in DL4J's order
 * (sample by sample, C order within a sample), and this stage lays them out as its activations are laid out. Spatial
 * dropout keeps or drops a sample's whole channel.
 */
final class DropoutStage extends Stage {
    private final SeededDropout dropout;
    private final boolean spatial;
    /** Element-wise: a multiplier per entry, laid out as the activations; spatial: {@code channels x batch}. */
    private Columns mask;

    /** The step's draws, sample by sample ({@code batch x units}); for a mask laid out by units, its transpose. */
    private float[] draws;

    private float[] byUnit;

    DropoutStage(int layer, Shape shape, SeededDropout dropout) {
        super(layer, shape, shape);
        this.dropout = dropout;
        this.spatial = dropout.isSpatial();
    }

    @Override
    boolean takesSampleRows() {
        return true;
    }

    @Override
    void allocate(int batch) {
        int units = spatial ? out.channels() : out.size();
        mask = Columns.allocate(units, batch);
        draws = new float[batch * units];
        byUnit = new float[batch * units];
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        if (!pass.training) {
            Kernels.copy(x.bytes, x.offset, y.bytes, y.offset, x.length());
            return;
        }
        int batch = x.batch();
        int units = spatial ? out.channels() : out.size();
        dropout.nextDraws(draws); // draw k: sample k / units, unit k % units
        if (x.sampleRows && !spatial) {
            mask.floats.put(mask.offset, draws);
        } else if (!x.sampleRows) {
            transpose(draws, batch, units, byUnit);
            mask.floats.put(mask.offset, byUnit);
        }
        apply(x, y);
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        if (dx != null) {
            apply(dy, dx);
        }
    }

    /** {@code to[u][n] = from[n][u]} for a {@code rows x cols} matrix, in tiles that stay in cache. */
    private static void transpose(float[] from, int rows, int cols, float[] to) {
        int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            for (int c0 = 0; c0 < cols; c0 += tile) {
                for (int r = r0; r < Math.min(rows, r0 + tile); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + tile); c++) {
                        to[c * rows + r] = from[r * cols + c];
                    }
                }
            }
        }
    }

    /** {@code y = x m}. */
    private void apply(Columns x, Columns y) {
        if (!spatial) {
            Kernels.multiply(x.bytes, x.offset, mask.bytes, mask.offset, y.bytes, y.offset, x.length());
            return;
        }
        int batch = x.batch();
        int channels = out.channels();
        int plane = out.plane();
        if (x.sampleRows) { // sample n's channel c is one run of plane entries
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int at = (n * channels + c) * plane;
                    Kernels.scale(x.bytes, x.offset + at, draws[n * channels + c], y.bytes, y.offset + at, plane);
                }
            }
            return;
        }
        for (int c = 0; c < channels; c++) { // channel c at every position: row c of the mask
            for (int p = 0; p < plane; p++) {
                int at = (c * plane + p) * batch;
                Kernels.multiply(
                        x.bytes, x.offset + at, mask.bytes, mask.offset + c * batch, y.bytes, y.offset + at, batch);
            }
        }
    }
}
