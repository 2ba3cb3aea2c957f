package ai.dfalab.train.engine;

/** The per-sample shape of an activation: {@code channels x height x width}, or {@code features x 1 x 1} when flat. */
record Shape(int channels, int height, int width) {
    static Shape flat(int features) {
        return new Shape(features, 1, 1);
    }

    int size() {
        return channels * height * width;
    }

    /** Entries per channel of one sample. */
    int plane() {
        return height * width;
    }
}
