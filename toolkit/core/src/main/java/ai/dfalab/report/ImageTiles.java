package ai.dfalab.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small images in a grid: figure 3's filter-maximising inputs and first-layer kernels. Three channels are drawn as
 * RGB, one as grey. Each tile is stretched to the full colour range on its own (min to 0, max to 255), as filter
 * visualisations usually are.
 */
public final class ImageTiles {
    private static final int GAP = 2;

    private ImageTiles() {}

    /**
     * Draws every row of {@code images} (one image of {@code shape} each, CHW flattened in C-order) as a tile enlarged
     * {@code scale} times, {@code columns} tiles a row, on a white background.
     */
    public static BufferedImage grid(INDArray images, ImageShape shape, int columns, int scale) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException(
                    "shape: tiles are drawn from 1 (grey) or 3 (RGB) channels, got " + shape.channels());
        }
        if (images.rank() != 2 || images.size(1) != shape.values()) {
            throw new IllegalArgumentException("images: need one row of " + shape + " = " + shape.values()
                    + " values per image, got " + images.shapeInfoToString());
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be >= 1, got " + columns + " and " + scale);
        }
        int n = (int) images.size(0);
        int rows = (n + columns - 1) / columns;
        int tw = shape.width() * scale + GAP;
        int th = shape.height() * scale + GAP;
        BufferedImage img = new BufferedImage(
                Math.max(1, columns * tw + GAP), Math.max(1, rows * th + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int t = 0; t < n; t++) {
            tile(
                    img,
                    images.getRow(t).dup().data().asFloat(),
                    shape,
                    scale,
                    GAP + (t % columns) * tw,
                    GAP + (t / columns) * th);
        }
        return img;
    }

    /**
     * Draws a convolution's weights ({@code filters x channels x kernel height x kernel width}, DL4J's layout) as one
     * tile per filter, as {@link #grid} does.
     */
    public static BufferedImage kernels(INDArray weights, int columns, int scale) {
        if (weights.rank() != 4) {
            throw new IllegalArgumentException("weights: need a convolution's filters x channels x height x width,"
                    + " got " + weights.shapeInfoToString());
        }
        ImageShape kernel = new ImageShape((int) weights.size(1), (int) weights.size(2), (int) weights.size(3));
        return grid(weights.reshape('c', weights.size(0), kernel.values()), kernel, columns, scale);
    }

    private static void tile(BufferedImage img, float[] v, ImageShape shape, int scale, int x0, int y0) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float range = max > min ? max - min : 1;
        int width = shape.width();
        int plane = shape.height() * width;
        int green = shape.channels() == 3 ? plane : 0; // one channel: the same level in red, green and blue
        int blue = 2 * green;
        for (int y = 0; y < shape.height() * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int p = (y / scale) * width + x / scale;
                int r = level(v[p], min, range);
                int gr = level(v[green + p], min, range);
                int b = level(v[blue + p], min, range);
                img.setRGB(x0 + x, y0 + y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int level(float v, float min, float range) {
        return Math.round(255 * (v - min) / range);
    }
}
