package ai.dfalab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix as a heat map (blue negative, white zero, red positive), with row ranges outlined: figure 2 draws the
 * unified feedback matrix and the first {@code l_i} rows each feedback point takes.
 */
public final class MatrixImage {
    private static final Color[] OUTLINES = {
        new Color(0x1B9E77),
        new Color(0xD95F02),
        new Color(0x7570B3),
        new Color(0xE7298A),
        new Color(0x66A61E),
        new Color(0xE6AB02)
    };

    private MatrixImage() {}

    /**
     * @param rowsTaken for each outline, the number of leading rows it covers
     * @param labels    a label per outline
     */
    public static BufferedImage draw(INDArray matrix, int cellWidth, int cellHeight, int[] rowsTaken, String[] labels) {
        int rows = (int) matrix.size(0);
        int cols = (int) matrix.size(1);
        int left = 20;
        int top = 30;
        int legend = 260;
        int width = left + cols * cellWidth + 40 + legend;
        int height = Math.max(top + rows * cellHeight + 20, top + 30 * rowsTaken.length + 20);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double scale = matrix.amaxNumber().doubleValue();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(color(matrix.getDouble(r, c) / scale));
                g.fillRect(left + c * cellWidth, top + r * cellHeight, cellWidth, cellHeight);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(rows + " x " + cols, left, top - 10);
        for (int i = 0; i < rowsTaken.length; i++) {
            Color color = OUTLINES[i % OUTLINES.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(3f - 0.4f * Math.min(i, 4)));
            int inset = 2 * i;
            g.drawRect(
                    left - inset - 2,
                    top - 2 + inset / 2,
                    cols * cellWidth + 2 * inset + 3,
                    rowsTaken[i] * cellHeight + 3 - inset / 2);
            g.fillRect(left + cols * cellWidth + 40, top + 30 * i, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(labels[i], left + cols * cellWidth + 60, top + 30 * i + 12);
        }
        g.dispose();
        return image;
    }

    /** Blue for -1, white for 0, red for +1. */
    private static Color color(double v) {
        double x = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(x)));
        return x >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
