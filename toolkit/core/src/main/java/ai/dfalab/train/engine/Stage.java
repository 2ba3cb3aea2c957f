package ai.dfalab.train.engine;

import java.util.List;

/**
 * One step of a network's forward and backward pass in the engine: a DL4J layer's computation (or its input dropout,
 * or the move of the input into the engine's layout). Activations and gradients are {@link Columns}; a stage keeps
 * what its backward pass needs from its forward pass, and owns the steps of its layer's parameters.
 */
abstract class Stage {
    /** The DL4J layer this stage belongs to. */
    final int layer;

    final Shape in;
    final Shape out;

    Stage(int layer, Shape in, Shape out) {
        this.layer = layer;
        this.in = in;
        this.out = out;
    }

    /** Buffers for batches of {@code batch} samples. */
    void allocate(int batch) {}

    /** {@code y = f(x)}; in training mode, keeps what {@link #backward} needs. */
    abstract void forward(Columns x, Columns y, Pass pass);

    /**
     * From the gradient {@code dy} at the output (which this may overwrite): the parameters' gradients and steps, and
     * the gradient at the input into {@code dx} unless it is null, through {@code down}'s weights for a weight layer.
     */
    abstract void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass);

    /** Whether its input may be the network's input as DL4J gives it (one row per sample). */
    boolean takesSampleRows() {
        return false;
    }

    /** Its layer's trained parameters (empty when it has none). */
    List<Param> params() {
        return List.of();
    }
}
