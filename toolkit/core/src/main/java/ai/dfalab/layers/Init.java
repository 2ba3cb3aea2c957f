package ai.dfalab.layers;

/** Weight initialisation: the paper's text (He) or the authors' code (PyTorch's default). */
public enum Init {
    /** He et al. 2015: weights {@code N(0, 2/fan_in)}, biases 0. */
    HE,
    /** PyTorch's {@code nn.Linear}/{@code nn.Conv2d} default: weights and biases {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}. */
    PYTORCH;

    public static Init parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "he" -> HE;
            case "pytorch" -> PYTORCH;
            default -> throw new IllegalArgumentException("unknown init '" + s + "': expected he or pytorch");
        };
    }
}
