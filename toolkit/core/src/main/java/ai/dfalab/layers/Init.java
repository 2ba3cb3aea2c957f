package ai.dfalab.layers;

import ai.dfalab.choice.Choice;

/** Weight initialisation: the paper's text (He) or the authors' code (PyTorch's default). */
public enum Init implements Choice {
    /** He et al. 2015: weights {@code N(0, 2/fan_in)}, biases 0. */
    HE,
    /** PyTorch's {@code nn.Linear}/{@code nn.Conv2d} default: weights and biases {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}. */
    PYTORCH;

    /** By id, in any case. */
    public static Init parse(String id) {
        return Choice.parse(Init.class, "init", id);
    }
}
