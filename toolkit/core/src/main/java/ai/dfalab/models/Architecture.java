package ai.dfalab.models;

import ai.dfalab.choice.Choice;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The networks a run can name: the paper's FC 3x800, Table 4's CNN, VGG-16 (224x224: ImageNet, or CIFAR images
 * scaled as in Table 3) and its usual 32x32 variant, each also with {@code 1/N} of the filters in every convolution
 * ({@code -wN}) for CPU-scale runs, and {@code tiny224}, a tiny 224x224 network for pipeline checks.
 */
public enum Architecture implements Choice {
    FC3X800(0, 1),
    CNN(32, 1),
    VGG16(224, 1),
    VGG16_W2(224, 2),
    VGG16_W4(224, 4),
    VGG16_W8(224, 8),
    VGG16_SMALL(32, 1),
    VGG16_SMALL_W2(32, 2),
    VGG16_SMALL_W4(32, 4),
    VGG16_SMALL_W8(32, 8),
    TINY224(224, 1);

    private final int side;
    private final int widthDivisor;

    Architecture(int side, int widthDivisor) {
        this.side = side;
        this.widthDivisor = widthDivisor;
    }

    @JsonValue
    @Override
    public String id() {
        return Choice.super.id();
    }

    /** Whether it takes 224x224 images (CIFAR's then go through Table 3's scaling). */
    public boolean takes224() {
        return side == 224;
    }

    /** Whether it is one of the VGG-16s. */
    public boolean vgg() {
        return name().startsWith("VGG16");
    }

    /** Each convolution has {@code 1/widthDivisor} of its filters. */
    public int widthDivisor() {
        return widthDivisor;
    }

    /** By id, in any case (JSON reads the id itself, through {@link #id}). */
    public static Architecture parse(String id) {
        return Choice.parse(Architecture.class, "model", id);
    }

    @Override
    public String toString() {
        return id();
    }
}
