package ai.dfalab.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows tables, charts and images in a notebook: as rich display data (PNG, HTML) through the notebook kernel this
 * JVM runs in (rapaio-jupyter-kernel or IJava), as text where there is none (plain JShell, a terminal). A kernel whose
 * display fails is reported on standard error, never silently replaced by text. Every bundle carries a
 * {@code text/plain} fallback. The methods return nothing, so a call as a cell's last statement echoes nothing.
 */
public final class Show {
    private static final Object LOCK = new Object();
    private static Display display;

    private Show() {}

    /** A table as HTML (text fallback). */
    public static void table(Table table) {
        publish(bundle("text/html", Html.table(table), table.printAll()), null);
    }

    /** A chart as a PNG image. */
    public static void chart(Chart<?, ?> chart) {
        publish(bundle("image/png", base64(png(chart)), "[chart: " + chart.getTitle() + "]"), null);
    }

    /** An image (e.g. {@link MatrixImage}) as a PNG. */
    public static void image(BufferedImage image, String text) {
        publish(bundle("image/png", base64(png(image)), "[image: " + text + "]"), null);
    }

    /** HTML (e.g. a paragraph of results) with a text fallback. */
    public static void html(String html, String text) {
        publish(bundle("text/html", html, text), null);
    }

    /** An HTML display that {@link Live#update} later replaces in place (progress of a long cell). */
    public static Live live(String html, String text) {
        Live live = new Live(UUID.randomUUID().toString());
        publish(bundle("text/html", html, text), live.id);
        return live;
    }

    /** Whether displays reach a notebook front end as rich data (false: printed as text). */
    public static boolean rich() {
        return display().rich();
    }

    /** A display shown by {@link #live}; each update replaces what it shows. */
    public static final class Live {
        private final String id;

        private Live(String id) {
            this.id = id;
        }

        public void update(String html, String text) {
            Map<String, String> bundle = bundle("text/html", html, text);
            synchronized (LOCK) {
                display().update(bundle, id);
            }
        }
    }

    /** PNG bytes of a chart (for files and tests). */
    public static byte[] png(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, String> bundle(String type, String data, String text) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(type, data);
        bundle.put("text/plain", text);
        return bundle;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Kernel channels are shared by every thread of a cell (a sweep's runs report side by side). */
    private static void publish(Map<String, String> bundle, String id) {
        synchronized (LOCK) {
            display().publish(bundle, id);
        }
    }

    /** Finds the kernel again (tests that play one). */
    static void redetect() {
        synchronized (LOCK) {
            display = null;
        }
    }

    private static Display display() {
        synchronized (LOCK) {
            if (display == null) {
                display = Displays.detect();
            }
            return display;
        }
    }
}
