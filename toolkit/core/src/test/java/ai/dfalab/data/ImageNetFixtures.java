package ai.dfalab.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes small ILSVRC-2012-style trees of real JPEG files (javax.imageio) for the ImageNet loader's and runs' tests. */
public final class ImageNetFixtures {
    public static final String[] WNIDS = {"n01440764", "n01443537", "n01484850"};

    private ImageNetFixtures() {}

    /** The colour of images of class {@code k}: distinct, mid-range RGB values that JPEG keeps close to exact. */
    static int[] colour(int k) {
        return new int[] {60 + 60 * k, 200 - 50 * k, 100 + 20 * k};
    }

    /**
     * {@code train/<wnid>/<wnid>_i.JPEG} ({@code perClass} each, sizes varying around 64 x 48) and
     * {@code val/<wnid>/ILSVRC2012_val_*.JPEG} (2 each), every image a flat colour {@link #colour(int) colour(k)}.
     */
    public static Path tree(Path root, int perClass) throws IOException {
        int v = 1;
        for (int k = 0; k < WNIDS.length; k++) {
            for (int i = 0; i < perClass; i++) {
                jpeg(
                        root.resolve("train/" + WNIDS[k] + "/" + WNIDS[k] + "_" + i + ".JPEG"),
                        flat(64 + 8 * i, 48, colour(k)));
            }
            for (int i = 0; i < 2; i++) {
                jpeg(
                        root.resolve(String.format("val/%s/ILSVRC2012_val_%08d.JPEG", WNIDS[k], v++)),
                        flat(50, 70, colour(k)));
            }
        }
        return root;
    }

    public static BufferedImage flat(int width, int height, int[] rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int value = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, value);
            }
        }
        return image;
    }

    /** A horizontal ramp: red and green grow along the columns, blue along the rows. */
    static BufferedImage ramp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / (width - 1);
                image.setRGB(x, y, (r << 16) | ((255 - r) << 8) | (255 * y / (height - 1)));
            }
        }
        return image;
    }

    public static Path jpeg(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "jpeg", file.toFile())) {
            throw new IOException("no JPEG writer for " + image);
        }
        return file;
    }

    /** A 4-channel (CMYK-style) JPEG of constant {@code cmyk}, written from a raster as some scanners store them. */
    static Path cmykJpeg(Path file, int width, int height, int[] cmyk) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, cmyk);
            }
        }
        Files.createDirectories(file.getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return file;
    }
}
