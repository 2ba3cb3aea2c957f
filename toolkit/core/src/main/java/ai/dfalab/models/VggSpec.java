package ai.dfalab.models;

import ai.dfalab.layers.Init;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Arrays;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A VGG-16 (configuration D) to build: input side, channel width divisor, fully-connected head, classes, init,
 * updater and seed. Immutable; {@code withX(value)} returns a changed copy.
 *
 * @param side         input images are {@code 3 x side x side}; a multiple of 32 (five 2x2 poolings)
 * @param widthDivisor every convolution has {@code channels / widthDivisor} filters (1: the real VGG-16)
 * @param fcHidden     the two hidden fully-connected layers (4096, 4096 in the original)
 */
@RecordBuilder
public record VggSpec(int side, int widthDivisor, int[] fcHidden, int classes, Init init, IUpdater updater, long seed)
        implements VggSpecBuilder.With {

    public VggSpec {
        fcHidden = fcHidden.clone();
        if (side < 32 || side % 32 != 0) {
            throw new IllegalArgumentException(
                    "VGG-16 input side must be a positive multiple of 32 (five 2x2 poolings), got " + side);
        }
        if (widthDivisor < 1 || 64 % widthDivisor != 0) {
            throw new IllegalArgumentException("widthDivisor must divide 64, got " + widthDivisor);
        }
        if (fcHidden.length != 2 || Arrays.stream(fcHidden).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException(
                    "VGG-16 has two hidden fully-connected layers, got " + Arrays.toString(fcHidden));
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
    }

    /** VGG-16 as the paper trains it: 224x224 inputs, FC 4096-4096-classes (100 for CIFAR-100, 1000 for ImageNet). */
    public static VggSpec imageNet(int classes) {
        return new VggSpec(224, 1, new int[] {4096, 4096}, classes, Init.HE, new Sgd(1e-2), 0);
    }

    /** The usual CIFAR VGG-16 for 32x32 images: the same 13 convolutions, FC head reduced to 512-512-classes. */
    public static VggSpec small(int classes) {
        return new VggSpec(32, 1, new int[] {512, 512}, classes, Init.HE, new Sgd(1e-2), 0);
    }

    @Override
    public int[] fcHidden() {
        return fcHidden.clone();
    }

    /** Input features per sample, {@code 3 x side x side}. */
    public int inputs() {
        return 3 * side * side;
    }
}
