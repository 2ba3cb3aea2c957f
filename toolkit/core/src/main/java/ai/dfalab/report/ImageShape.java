package ai.dfalab.report;

/**
 * Shape of one image, channels first: {@code 3 x 224 x 224}, {@code 3 x 32 x 32}, a {@code 3 x 3 x 3} kernel. A row
 * of image values holds its channel planes one after the other, each row-major (CHW flattened in C order), as the
 * data sets give images and as a network with flat image inputs takes them.
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape: channels, height and width must all be >= 1, got "
                    + channels + " x " + height + " x " + width);
        }
    }

    /** Values in one image, {@code channels x height x width}. */
    public int values() {
        return Math.multiplyExact(channels, Math.multiplyExact(height, width));
    }

    @Override
    public String toString() {
        return channels + " x " + height + " x " + width;
    }
}
