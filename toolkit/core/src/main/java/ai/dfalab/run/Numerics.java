package ai.dfalab.run;

/**
 * The version of what the code computes. Part of every stored run's key: bump {@link #VERSION} in the same change as
 * anything that alters a run's numbers (the training step, initialisation, data order or pipeline, the loss, the
 * metrics), and stored runs of the old numerics are recomputed, beside them, instead of being shown as current.
 * {@code NumericsVersionTest} pins a short real run's numbers and fails, asking for the bump, when they move.
 */
public final class Numerics {
    /**
     * 1: the first versioned numerics (log-softmax cross-entropy from the logits for the training and test loss; every
     * earlier stored run has no version and is recomputed).
     */
    public static final int VERSION = 1;

    private Numerics() {}
}
