package ai.dfalab.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows tables and charts in a notebook under any JShell kernel: rapaio-jupyter-kernel or IJava (found by
 * reflection), and as plain text anywhere else. Every output carries a text/plain fallback. The methods return
 * nothing, so a call as a cell's last statement echoes no display id.
 */
public final class Show {
    private Show() {
    }

    /** A table as HTML (text fallback). */
    public static void table(Table table) {
        display(Map.of("text/html", Html.table(table), "text/plain", table.printAll()));
    }

    /** A chart as a PNG image. */
    public static void chart(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            Map<String, String> bundle = new LinkedHashMap<>();
            bundle.put("image/png", Base64.getEncoder().encodeToString(png));
            bundle.put("text/plain", "[chart: " + chart.getTitle() + "]");
            display(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image (e.g. {@link MatrixImage}) as a PNG. */
    public static void image(java.awt.image.BufferedImage image, String text) {
        display(Map.of("image/png", Base64.getEncoder().encodeToString(png(image)), "text/plain", "[image: " + text + "]"));
    }

    /** PNG bytes of an image. */
    public static byte[] png(java.awt.image.BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** HTML (e.g. a paragraph of results) with a text fallback. */
    public static void html(String html, String text) {
        display(Map.of("text/html", html, "text/plain", text));
    }

    private static void display(Map<String, String> bundle) {
        if (!rapaio(bundle) && !ijava(bundle)) {
            System.out.println(bundle.get("text/plain"));
        }
    }

    /** rapaio-jupyter-kernel: {@code MainApp.kernel.display(DisplayData)}. */
    private static boolean rapaio(Map<String, String> bundle) {
        try {
            Class<?> dataClass = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData");
            Object data = dataClass.getConstructor().newInstance();
            Method put = dataClass.getMethod("putData", String.class, Object.class);
            for (Map.Entry<String, String> e : bundle.entrySet()) {
                put.invoke(data, e.getKey(), e.getValue());
            }
            Object kernel = Class.forName("org.rapaio.jupyter.kernel.MainApp").getField("kernel").get(null);
            if (kernel == null) {
                return false;
            }
            kernel.getClass().getMethod("display", dataClass).invoke(kernel, data);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** IJava: {@code Display.display(DisplayData)} with the bundle as {@code DisplayData.putData(String, Object)}. */
    private static boolean ijava(Map<String, String> bundle) {
        try {
            Class<?> dataClass = Class.forName("io.github.spencerpark.jupyter.kernel.display.DisplayData");
            Object data = dataClass.getConstructor().newInstance();
            Class<?> mime = Class.forName("io.github.spencerpark.jupyter.kernel.display.mime.MIMEType");
            Method parse = mime.getMethod("parse", String.class);
            Method put = dataClass.getMethod("putData", mime, Object.class);
            for (Map.Entry<String, String> e : bundle.entrySet()) {
                put.invoke(data, parse.invoke(null, e.getKey()), e.getValue());
            }
            Class.forName("io.github.spencerpark.ijava.runtime.Display").getMethod("display", Object.class, String[].class)
                    .invoke(null, data, new String[0]);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
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
}
