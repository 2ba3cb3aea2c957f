package ai.dfalab.paper;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * Figure 1 of the paper drawn in code: the forward pass (black, upwards) and the learning signal (red) of BP
 * (through {@code W^T}, layer to layer), FA (through fixed random {@code B}, layer to layer) and DFA (from the error
 * straight to every hidden layer).
 */
public final class FlowDiagram {
    private static final int PANEL = 300;
    private static final int HEIGHT = 430;
    private static final String[] LAYERS = {"x", "h1", "h2", "h3", "ŷ"};
    private static final Color SIGNAL = new Color(0xC0392B);

    private FlowDiagram() {}

    public static BufferedImage draw() {
        BufferedImage image = new BufferedImage(3 * PANEL, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        String[] titles = {"BP", "FA", "DFA"};
        for (int p = 0; p < 3; p++) {
            panel(g, p * PANEL, titles[p]);
        }
        g.dispose();
        return image;
    }

    private static int y(int layer) {
        return HEIGHT - 60 - layer * 80;
    }

    private static void panel(Graphics2D g, int left, String rule) {
        int boxX = left + 60;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(Color.BLACK);
        g.drawString(rule, left + PANEL / 2 - 15, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int l = 0; l < LAYERS.length; l++) {
            g.setColor(new Color(0xECF0F1));
            g.fillRoundRect(boxX, y(l) - 15, 80, 30, 10, 10);
            g.setColor(Color.BLACK);
            g.drawRoundRect(boxX, y(l) - 15, 80, 30, 10, 10);
            g.drawString(LAYERS[l], boxX + 32, y(l) + 5);
            if (l > 0) {
                arrow(g, boxX + 20, y(l - 1) - 15, boxX + 20, y(l) + 15, Color.BLACK);
                g.drawString("W" + l, boxX - 28, (y(l - 1) + y(l)) / 2 + 5);
            }
        }
        int errorX = boxX + 170;
        int top = y(LAYERS.length - 1);
        g.setColor(SIGNAL);
        g.drawOval(errorX - 18, top - 18, 36, 36);
        g.drawString("e", errorX - 4, top + 5);
        arrow(g, boxX + 80, top, errorX - 18, top, SIGNAL);
        for (int l = LAYERS.length - 2; l >= 1; l--) {
            String label;
            if (rule.equals("DFA")) {
                arrow(g, errorX - 10, top + 16, boxX + 80, y(l), SIGNAL);
                label = "B" + l + " e";
                g.drawString(label, errorX + 24, y(l) + 5);
            } else {
                arrow(g, boxX + 60, y(l + 1) + 15, boxX + 60, y(l) - 15, SIGNAL);
                label = rule.equals("BP") ? "W" + (l + 1) + "ᵀ" : "B" + (l + 1);
                g.drawString(label, boxX + 88, (y(l + 1) + y(l)) / 2 + 5);
            }
        }
    }

    private static void arrow(Graphics2D g, double x1, double y1, double x2, double y2, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
        double angle = Math.atan2(y2 - y1, x2 - x1);
        for (double side : new double[] {-0.45, 0.45}) {
            g.draw(new Line2D.Double(x2, y2, x2 - 10 * Math.cos(angle + side), y2 - 10 * Math.sin(angle + side)));
        }
    }
}
