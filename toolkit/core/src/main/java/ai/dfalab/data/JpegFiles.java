package ai.dfalab.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files (ImageNet's JPEGs, and the odd PNG among them) with javax.imageio into {@link RgbImage}s.
 * Grayscale is spread to three channels and CMYK converted by the JDK; a truncated or corrupt file fails, named.
 */
public final class JpegFiles {
    /** Bytes of one image file: ILSVRC-2012's photographs take a few hundred KB. */
    static final int MAX_FILE_BYTES = 1 << 26;
    /**
     * Pixels of one decoded image (8192 x 4096), checked on the header before decoding: a header announcing 60000 x
     * 60000 would otherwise allocate a 10.8 GB raster. ILSVRC-2012's photographs average about 400 x 350.
     */
    static final long MAX_PIXELS = 1L << 25;

    private JpegFiles() {}

    /** The pixels of {@code file}, 0..255 per channel. */
    public static RgbImage decode(Path file) {
        BufferedImage image;
        List<String> truncation = new ArrayList<>();
        // Read whole, then decode from memory: no temporary cache file, and a missing file is reported as such.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(
                DataFiles.readAll(file, MAX_FILE_BYTES, MAX_FILE_BYTES + " bytes for one image")))) {
            // The reader is chosen by content, not by name: ImageNet holds a PNG named .JPEG.
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file, "not an image javax.imageio can read (corrupt, or not a JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new DataFormatException(
                            file,
                            "too large: the header announces " + reader.getWidth(0) + " x " + reader.getHeight(0)
                                    + " pixels, more than the " + MAX_PIXELS + " an image may have here");
                }
                // A cut-off JPEG only raises warnings and decodes grey below the cut: treat it as the damage it is.
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (warning.contains("Truncated") || warning.contains("premature end")) {
                        truncation.add(warning);
                    }
                });
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(file, "corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
        if (!truncation.isEmpty()) {
            throw new DataFormatException(file, "truncated or corrupt image: " + String.join("; ", truncation));
        }
        return toRgb(image);
    }

    /** The planes of {@code image}: straight from the bytes for the decoder's usual BGR and gray layouts. */
    static RgbImage toRgb(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        float[] out = new float[RgbImage.CHANNELS * plane];
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1
                && db.getData().length == 3 * plane) {
            byte[] bgr = db.getData();
            for (int p = 0; p < plane; p++) {
                out[p] = bgr[3 * p + 2] & 0xFF;
                out[plane + p] = bgr[3 * p + 1] & 0xFF;
                out[2 * plane + p] = bgr[3 * p] & 0xFF;
            }
        } else if (type == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getData().length == plane) {
            byte[] gray = db.getData();
            for (int p = 0; p < plane; p++) {
                float v = gray[p] & 0xFF;
                out[p] = v;
                out[plane + p] = v;
                out[2 * plane + p] = v;
            }
        } else {
            // Anything else (CMYK, palette, alpha, 16-bit): the JDK's colour conversion to sRGB.
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < plane; p++) {
                out[p] = (argb[p] >> 16) & 0xFF;
                out[plane + p] = (argb[p] >> 8) & 0xFF;
                out[2 * plane + p] = argb[p] & 0xFF;
            }
        }
        return new RgbImage(h, w, out);
    }
}
