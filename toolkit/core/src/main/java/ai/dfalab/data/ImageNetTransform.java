package ai.dfalab.data;

import java.util.SplittableRandom;

/**
 * The VGG/ImageNet input transform: shorter side resized to 256 (bilinear, antialiased as PIL), a 224 crop (random
 * and randomly mirrored for training, centred for validation), ImageNet's mean/std. Output rows are flattened CHW.
 */
public final class ImageNetTransform {
    /** torchvision's ImageNet statistics, also the authors' {@code NORMALIZATION['ImageNet']}. */
    public static final Normalization NORMALIZATION =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    private final int shorterSide;
    private final int crop;
    private final float[] factors = NORMALIZATION.factors();
    private final float[] offsets = NORMALIZATION.offsets();

    public ImageNetTransform(int shorterSide, int crop) {
        if (crop <= 0 || crop > shorterSide) {
            throw new IllegalArgumentException(
                    "need 0 < crop <= shorter side, got crop " + crop + " and shorter side " + shorterSide);
        }
        this.shorterSide = shorterSide;
        this.crop = crop;
    }

    /** 256, then 224. */
    public static ImageNetTransform standard() {
        return new ImageNetTransform(256, 224);
    }

    public int cropSide() {
        return crop;
    }

    /** Features per sample: 3 x crop x crop. */
    public int features() {
        return RgbImage.CHANNELS * crop * crop;
    }

    /** {height, width} after resizing {@code height x width} so that the shorter side is 256 (as torchvision). */
    public int[] resized(int height, int width) {
        return height <= width
                ? new int[] {shorterSide, Math.max(shorterSide, (int) ((long) shorterSide * width / height))}
                : new int[] {Math.max(shorterSide, (int) ((long) shorterSide * height / width)), shorterSide};
    }

    /** A uniform crop of the resized {@code height x width} image, mirrored with probability 1/2. */
    public Crop randomCrop(int height, int width, SplittableRandom random) {
        int[] size = resized(height, width);
        return new Crop(random.nextInt(size[0] - crop + 1), random.nextInt(size[1] - crop + 1), random.nextBoolean());
    }

    /** The centred crop of the resized {@code height x width} image, not mirrored. */
    public Crop centerCrop(int height, int width) {
        int[] size = resized(height, width);
        return new Crop((size[0] - crop) / 2, (size[1] - crop) / 2, false);
    }

    /**
     * Writes {@code image} resized, cut at {@code at} and normalised into {@code out[offset...]}; {@code scratch}
     * must hold {@link #scratchSize scratchSize(image)} floats.
     */
    public void apply(RgbImage image, Crop at, float[] out, int offset, float[] scratch) {
        int[] size = resized(image.height(), image.width());
        Resample.crop(
                image,
                Resample.axis(image.height(), size[0]),
                Resample.axis(image.width(), size[1]),
                at,
                crop,
                factors,
                offsets,
                out,
                offset,
                scratch);
    }

    /** Scratch floats {@link #apply} needs for {@code image}. */
    public int scratchSize(RgbImage image) {
        return image.height() * crop;
    }
}
