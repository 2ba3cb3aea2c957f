package ai.dfalab.data;

/**
 * An RGB image as three float planes (CHW, row-major): 0..255 pixels from a JPEG, or already-normalised CIFAR
 * features. Floats rather than bytes so that both go through one resize-and-crop path.
 */
public record RgbImage(int height, int width, float[] planes) {
    public static final int CHANNELS = 3;

    public RgbImage {
        if (height <= 0 || width <= 0 || planes.length != CHANNELS * height * width) {
            throw new IllegalArgumentException("an RGB image of " + height + " x " + width + " needs "
                    + (long) CHANNELS * height * width + " values, got " + planes.length);
        }
    }

    /** The value of {@code channel} at ({@code row}, {@code column}). */
    public float at(int channel, int row, int column) {
        return planes[(channel * height + row) * width + column];
    }
}
