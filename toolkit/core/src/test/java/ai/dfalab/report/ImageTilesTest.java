package ai.dfalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiles take any image shape, place each value of each image at its pixel, and name what is wrong with a shape. */
class ImageTilesTest {

    @Test
    void nonSquareRgbTilesPutEachChannelPlaneInItsColour() {
        ImageShape shape = new ImageShape(3, 2, 5);
        // image t's value at channel c, row y, column x is 100 t + 10 y + x + c, so every pixel differs
        INDArray images = Nd4j.create(DataType.FLOAT, 3, shape.values());
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 5; x++) {
                        images.putScalar(t, c * 10 + y * 5 + x, 100 * t + 10 * y + x + c);
                    }
                }
            }
        }
        BufferedImage img = ImageTiles.grid(images, shape, 2, 3);
        assertEquals(2 + 2 * (5 * 3 + 2), img.getWidth());
        assertEquals(2 + 2 * (2 * 3 + 2), img.getHeight());
        for (int t = 0; t < 3; t++) {
            int x0 = 2 + (t % 2) * 17;
            int y0 = 2 + (t / 2) * 8;
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 15; x++) {
                    float v = 10 * (y / 3) + x / 3; // each tile is stretched on its own: min 0, max 10 + 4 + 2
                    int expected = (level(v) << 16) | (level(v + 1) << 8) | level(v + 2);
                    assertEquals(expected, img.getRGB(x0 + x, y0 + y) & 0xFFFFFF, "tile " + t + " at " + x + "," + y);
                }
            }
        }
        assertEquals(0xFFFFFF, img.getRGB(2 + 17, 2 + 8) & 0xFFFFFF, "no fourth tile");
    }

    @Test
    void oneChannelIsGrey() {
        ImageShape shape = new ImageShape(1, 1, 3);
        BufferedImage img = ImageTiles.grid(Nd4j.createFromArray(new float[][] {{0, 1, 2}}), shape, 1, 1);
        assertEquals(0x000000, img.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0x808080, img.getRGB(3, 2) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(4, 2) & 0xFFFFFF);
    }

    @Test
    void badShapesSayWhichParameterIsWrongAndHow() {
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 2, 3 * 32 * 32);
        assertMessage(
                "images: need one row of 3 x 224 x 224 = 150528 values per image",
                () -> ImageTiles.grid(rows, new ImageShape(3, 224, 224), 8, 1));
        assertMessage(
                "shape: tiles are drawn from 1 (grey) or 3 (RGB) channels, got 4",
                () -> ImageTiles.grid(rows, new ImageShape(4, 16, 16), 8, 1));
        assertMessage(
                "image shape: channels, height and width must all be >= 1, got 3 x 0 x 32",
                () -> new ImageShape(3, 0, 32));
        assertMessage(
                "weights: need a convolution's filters x channels x height x width",
                () -> ImageTiles.kernels(rows, 8, 1));
    }

    private static void assertMessage(String start, Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.startsWith(start), message);
    }

    private static int level(float v) {
        return Math.round(255 * v / 16);
    }
}
