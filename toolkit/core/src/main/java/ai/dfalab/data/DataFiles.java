package ai.dfalab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads whole data files, plain or gzipped, turning every I/O failure into a {@link DataFormatException}. */
final class DataFiles {
    private static final int GZIP_BUFFER = 1 << 16;

    private DataFiles() {}

    /** All bytes of {@code file}, inflated if its name ends in {@code .gz}. */
    static byte[] readAll(Path file) {
        try {
            if (!file.getFileName().toString().endsWith(DataLocation.GZIP_SUFFIX)) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), GZIP_BUFFER)) {
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "missing file", e);
        } catch (ZipException | EOFException e) {
            // GZIPInputStream reports a bad header or deflate block as ZipException and a cut-off stream as EOF.
            throw new DataFormatException(file, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read (" + e + ")", e);
        }
    }
}
