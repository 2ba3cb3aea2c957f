package ai.dfalab.train.engine;

/** The network's input, one row per sample as DL4J gives it, into the engine's layout (one column per sample). */
final class TransposeStage extends Stage {
    private static final int TILE = 32;

    TransposeStage(int layer, Shape shape) {
        super(layer, shape, shape);
    }

    @Override
    boolean takesSampleRows() {
        return true;
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        int batch = x.rows;
        int features = x.cols;
        for (int f0 = 0; f0 < features; f0 += TILE) { // in tiles, so reads and writes both stay in cache
            int f1 = Math.min(features, f0 + TILE);
            for (int n0 = 0; n0 < batch; n0 += TILE) {
                int n1 = Math.min(batch, n0 + TILE);
                for (int f = f0; f < f1; f++) {
                    for (int n = n0; n < n1; n++) {
                        y.put(f * batch + n, x.get(n * features + f));
                    }
                }
            }
        }
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        if (dx != null) {
            throw new UnsupportedOperationException(
                    "the engine computes no gradient with respect to the network's input");
        }
    }
}
