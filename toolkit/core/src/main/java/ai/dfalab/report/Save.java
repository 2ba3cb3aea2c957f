package ai.dfalab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/** Writes a notebook's tables (CSV) and figures (PNG and SVG), each atomically, under a results folder. */
public final class Save {
    private Save() {}

    /** {@code <dir>/<name>.csv}. */
    public static Path csv(Table table, Path dir, String name) {
        return atomically(dir.resolve(name + ".csv"), tmp -> table.write().csv(tmp.toFile()));
    }

    /** {@code <dir>/<name>.png} and {@code <dir>/<name>.svg}; returns the PNG's path. */
    public static Path figure(Chart<?, ?> chart, Path dir, String name) {
        atomically(
                dir.resolve(name + ".svg"),
                tmp -> VectorGraphicsEncoder.saveVectorGraphic(
                        chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return atomically(dir.resolve(name + ".png"), tmp -> java.nio.file.Files.write(tmp, Show.png(chart)));
    }

    /** {@code <dir>/<name>.png}. */
    public static Path image(java.awt.image.BufferedImage image, Path dir, String name) {
        return atomically(dir.resolve(name + ".png"), tmp -> java.nio.file.Files.write(tmp, Show.png(image)));
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private static Path atomically(Path target, Writer writer) {
        try {
            java.nio.file.Files.createDirectories(target.getParent());
            String name = target.getFileName().toString();
            int dot = name.lastIndexOf('.');
            // keep the extension last: XChart's SVG encoder appends ".svg" to names without it
            Path tmp = target.resolveSibling(name.substring(0, dot) + ".tmp" + name.substring(dot));
            writer.write(tmp);
            java.nio.file.Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
