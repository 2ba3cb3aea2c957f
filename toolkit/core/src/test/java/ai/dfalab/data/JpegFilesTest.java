package ai.dfalab.data;

import static ai.dfalab.data.MnistFormatTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding ImageNet-like files: colour, grayscale, CMYK, a PNG named .JPEG, and damaged files named. */
class JpegFilesTest {
    @TempDir
    Path dir;

    @Test
    void colourJpegKeepsItsChannelsInRgbOrder() throws IOException {
        Path f = ImageNetFixtures.jpeg(dir.resolve("c.JPEG"), ImageNetFixtures.flat(30, 20, new int[] {200, 90, 30}));
        RgbImage image = JpegFiles.decode(f);
        assertEquals(20, image.height());
        assertEquals(30, image.width());
        assertEquals(200, image.at(0, 10, 15), 3);
        assertEquals(90, image.at(1, 10, 15), 3);
        assertEquals(30, image.at(2, 10, 15), 3);
    }

    @Test
    void grayscaleJpegFillsAllThreeChannels() throws IOException {
        BufferedImage gray = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                gray.getRaster().setSample(x, y, 0, 10 * x);
            }
        }
        RgbImage image = JpegFiles.decode(ImageNetFixtures.jpeg(dir.resolve("g.JPEG"), gray));
        for (int x = 0; x < 16; x += 5) {
            assertEquals(10 * x, image.at(0, 6, x), 4, "column " + x);
            assertEquals(image.at(0, 6, x), image.at(1, 6, x));
            assertEquals(image.at(0, 6, x), image.at(2, 6, x));
        }
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        // The JDK reads 4-channel JPEGs with Adobe's inverted convention (stored = 255 - ink), as Photoshop writes
        // them and as ImageNet's CMYK files are: stored (255, 0, 0, 255) is full magenta and yellow, i.e. red.
        assertColour(new int[] {255, 0, 0, 255}, new int[] {255, 0, 0});
        assertColour(new int[] {255, 255, 0, 255}, new int[] {255, 255, 0});
        assertColour(new int[] {255, 255, 255, 0}, new int[] {0, 0, 0});
    }

    private void assertColour(int[] storedCmyk, int[] rgb) throws IOException {
        Path f =
                ImageNetFixtures.cmykJpeg(dir.resolve("k" + Arrays.toString(storedCmyk) + ".JPEG"), 24, 16, storedCmyk);
        RgbImage image = JpegFiles.decode(f);
        float[] got = {image.at(0, 8, 12), image.at(1, 8, 12), image.at(2, 8, 12)};
        for (int c = 0; c < 3; c++) {
            assertEquals(rgb[c], got[c], 25, Arrays.toString(storedCmyk) + " gave " + Arrays.toString(got));
        }
    }

    @Test
    void pngNamedJpegIsReadByContent() throws IOException {
        Path f = dir.resolve("n02105855_2933.JPEG");
        ImageIO.write(ImageNetFixtures.flat(8, 8, new int[] {1, 2, 3}), "png", f.toFile());
        RgbImage image = JpegFiles.decode(f);
        assertEquals(3, image.at(2, 4, 4));
    }

    @Test
    void garbageIsNamed() throws IOException {
        Path f = Fixtures.write(dir.resolve("bad.JPEG"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        assertProblem(f, "not an image javax.imageio can read", () -> JpegFiles.decode(f));
    }

    @Test
    void truncatedJpegIsNamed() throws IOException {
        Path f = ImageNetFixtures.jpeg(dir.resolve("t.JPEG"), ImageNetFixtures.ramp(200, 150));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        assertProblem(f, "truncated or corrupt image", () -> JpegFiles.decode(f));
    }

    @Test
    void corruptMarkerIsNamed() throws IOException {
        Path f = ImageNetFixtures.jpeg(dir.resolve("x.JPEG"), ImageNetFixtures.ramp(200, 150));
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 700; i < bytes.length; i += 97) {
            bytes[i] ^= 0x55;
        }
        Files.write(f, bytes);
        assertProblem(f, "corrupt", () -> JpegFiles.decode(f));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("none.JPEG");
        assertProblem(f, "missing file", () -> JpegFiles.decode(f));
    }
}
