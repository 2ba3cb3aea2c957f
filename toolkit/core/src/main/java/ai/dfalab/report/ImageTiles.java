package ai.dfalab.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small RGB images in a grid: figure 3's filter-maximising inputs and first-layer kernels. Each tile is stretched
 * to the full colour range on its own (min to 0, max to 255), as filter visualisations usually are.
 */
public final class ImageTiles {
    private static final int GAP = 2;

    private ImageTiles() {}

    /**
     * Draws every row of {@code images} (each {@code 3 x height x width}, CHW flattened in C-order) as a tile enlarged
     * {@code scale} times, {@code columns} tiles a row, on a white background.
     */
    public static BufferedImage grid(INDArray images, int height, int width, int columns, int scale) {
        int n = (int) images.size(0);
        if (images.rank() != 2 || images.size(1) != 3L * height * width) {
            throw new IllegalArgumentException("need rows of 3 x " + height + " x " + width + " = " + 3 * height * width
                    + " values, got " + images.shapeInfoToString());
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be >= 1, got " + columns + " and " + scale);
        }
        int rows = (n + columns - 1) / columns;
        int tw = width * scale + GAP;
        int th = height * scale + GAP;
        BufferedImage img = new BufferedImage(
                Math.max(1, columns * tw + GAP), Math.max(1, rows * th + GAP), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        int plane = height * width;
        for (int t = 0; t < n; t++) {
            float[] v = images.getRow(t).dup().data().asFloat();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            float range = max > min ? max - min : 1;
            int x0 = GAP + (t % columns) * tw;
            int y0 = GAP + (t / columns) * th;
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    int p = (y / scale) * width + x / scale;
                    int r = level(v[p], min, range);
                    int gr = level(v[plane + p], min, range);
                    int b = level(v[2 * plane + p], min, range);
                    img.setRGB(x0 + x, y0 + y, (r << 16) | (gr << 8) | b);
                }
            }
        }
        return img;
    }

    private static int level(float v, float min, float range) {
        return Math.round(255 * (v - min) / range);
    }
}
