package ai.dfalab.train.engine;

import ai.dfalab.layers.SeededDropout;

/**
 * Inverted dropout with the masks of DL4J's layer path: the same {@link SeededDropout} draws them, in DL4J's order
 * (sample by sample, C order within a sample), and this stage lays them out as its activations are laid out. Spatial
 * dropout keeps or drops a sample's whole channel.
 */
final class DropoutStage extends Stage {
    /** Side of the square blocks a mask is transposed in. */
    private static final int TILE = 32;

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
        SeededDropout.Mask next = dropout.nextMask(); // draw k: sample k / units, unit k % units
        pass.workers.run(batch, n -> next.fill(draws, n * units, (n + 1) * units));
        if (x.sampleRows && !spatial) {
            mask.floats.put(mask.offset, draws);
        } else if (!x.sampleRows) {
            pass.workers.run((units + TILE - 1) / TILE, t -> transpose(draws, batch, units, t * TILE, byUnit));
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

    /**
     * {@code to[u][n] = from[n][u]} of a {@code rows x cols} matrix for columns {@code c0..c0 + TILE}, in tiles that stay
     * in cache.
     */
    private static void transpose(float[] from, int rows, int cols, int c0, float[] to) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            for (int r = r0; r < Math.min(rows, r0 + TILE); r++) {
                for (int c = c0; c < Math.min(cols, c0 + TILE); c++) {
                    to[c * rows + r] = from[r * cols + c];
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
