package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shorter side to 256, crops of 224 in bounds, mirroring, and ImageNet's normalisation on decoded JPEGs. */
class ImageNetTransformTest {
    private final ImageNetTransform t = ImageNetTransform.standard();

    @TempDir
    Path dir;

    @Test
    void shorterSideBecomes256KeepingTheAspectRatio() {
        assertArrayEquals(new int[] {256, 341}, t.resized(375, 500));
        assertArrayEquals(new int[] {341, 256}, t.resized(500, 375));
        assertArrayEquals(new int[] {256, 256}, t.resized(32, 32));
        assertEquals(new Crop(16, 58, false), t.centerCrop(375, 500));
    }

    @Test
    void randomCropsStayInsideTheResizedImage() {
        SplittableRandom random = new SplittableRandom(5);
        boolean[] ends = new boolean[2];
        for (int i = 0; i < 3000; i++) {
            Crop c = t.randomCrop(375, 500, random);
            assertTrue(c.top() >= 0 && c.top() <= 32 && c.left() >= 0 && c.left() <= 117, c.toString());
            ends[0] |= c.left() == 0;
            ends[1] |= c.left() == 117;
        }
        assertTrue(ends[0] && ends[1], "both extreme offsets drawn");
    }

    @Test
    void flatColourBecomesItsNormalisedValue() throws IOException {
        int[] rgb = {200, 90, 30};
        RgbImage image =
                JpegFiles.decode(ImageNetFixtures.jpeg(dir.resolve("f.JPEG"), ImageNetFixtures.flat(90, 60, rgb)));
        float[] out = new float[t.features()];
        t.apply(image, new Crop(5, 30, true), out, 0, new float[t.scratchSize(image)]);
        for (int c = 0; c < 3; c++) {
            double expected =
                    (rgb[c] / 255.0 - ImageNetTransform.NORMALIZATION.mean(c)) / ImageNetTransform.NORMALIZATION.std(c);
            for (int k = c * 224 * 224; k < (c + 1) * 224 * 224; k += 1009) {
                assertEquals(expected, out[k], 0.06, "channel " + c + " feature " + k); // JPEG error of ~3/255
            }
        }
    }

    @Test
    void flippedCropIsTheMirrorImage() throws IOException {
        RgbImage image =
                JpegFiles.decode(ImageNetFixtures.jpeg(dir.resolve("r.JPEG"), ImageNetFixtures.ramp(500, 375)));
        float[] plain = new float[t.features()];
        float[] mirrored = new float[t.features()];
        float[] scratch = new float[t.scratchSize(image)];
        t.apply(image, new Crop(20, 60, false), plain, 0, scratch);
        t.apply(image, new Crop(20, 60, true), mirrored, 0, scratch);
        assertNotEquals(plain[0], mirrored[0]);
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < 224; row += 31) {
                for (int col = 0; col < 224; col += 9) {
                    int at = (c * 224 + row) * 224;
                    assertEquals(
                            plain[at + col], mirrored[at + 223 - col], "channel " + c + " (" + row + ", " + col + ")");
                }
            }
        }
        // Red grows left to right in the ramp: so does it in the plain crop, and the other way in the mirrored one.
        assertTrue(plain[223] > plain[0] && mirrored[223] < mirrored[0]);
    }
}
