package ai.dfalab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads whole data files, plain or gzipped, turning every I/O failure into a {@link DataFormatException}. Every read
 * has a size limit, checked before the bytes are held: a file (or a gzip stream, once inflated) larger than its
 * format allows is refused, so a damaged or hostile gzip ends in an error naming it, never an OutOfMemoryError.
 */
final class DataFiles {
    private static final int GZIP_BUFFER = 1 << 16;

    private DataFiles() {}

    /**
     * All bytes of {@code file}, inflated if its name ends in {@code .gz}. More than {@code maxBytes} is a "wrong
     * size" error that ends with {@code limit}, what the format allows in words (e.g. "the 76 bytes its header
     * announces").
     */
    static byte[] readAll(Path file, long maxBytes, String limit) {
        if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes must be in [0, 2^31 - 1), got " + maxBytes);
        }
        try {
            if (!gzipped(file)) {
                long size = Files.size(file);
                if (size > maxBytes) {
                    throw tooLarge(file, size + " bytes", limit);
                }
                return Files.readAllBytes(file);
            }
            try (InputStream in = open(file)) {
                // readNBytes grows its buffer as bytes arrive: a small stream announcing a big size stays small.
                byte[] bytes = in.readNBytes((int) maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw tooLarge(file, "inflates to more than " + maxBytes + " bytes", limit);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** The first {@code n} bytes of {@code file} (inflated if gzipped), fewer if it is shorter: a format's header. */
    static byte[] readHead(Path file, int n) {
        try (InputStream in = gzipped(file) ? open(file) : Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static boolean gzipped(Path file) {
        return file.getFileName().toString().endsWith(DataLocation.GZIP_SUFFIX);
    }

    private static InputStream open(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), GZIP_BUFFER);
    }

    private static DataFormatException tooLarge(Path file, String size, String limit) {
        return new DataFormatException(file, "wrong size: " + size + ", larger than " + limit);
    }

    private static DataFormatException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataFormatException(file, "missing file", e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            // GZIPInputStream reports a bad header or deflate block as ZipException and a cut-off stream as EOF.
            return new DataFormatException(file, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
        return new DataFormatException(file, "cannot read (" + e + ")", e);
    }
}
