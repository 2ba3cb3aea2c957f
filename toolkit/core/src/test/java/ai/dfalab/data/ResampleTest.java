package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Resampling taps and one resize-and-crop against values worked out by hand (PIL's bilinear filter). */
class ResampleTest {
    @Test
    void halvingAveragesWithTheWidenedTriangle() {
        // 4 -> 2: output 0 centres at input 1.0 and sees inputs 0, 1, 2 with triangle weights 0.75, 0.75, 0.25.
        RgbImage ramp = image(1, 4, new float[] {0, 10, 20, 30});
        float[] out = new float[3];
        Resample.crop(
                ramp,
                Resample.axis(1, 1),
                Resample.axis(4, 2),
                new Crop(0, 0, false),
                1,
                new float[] {1, 1, 1},
                new float[] {0, 0, 0},
                out,
                0,
                new float[2]);
        assertEquals((0.75 * 0 + 0.75 * 10 + 0.25 * 20) / 1.75, out[0], 1e-5);
    }

    @Test
    void affineMapIsAppliedPerChannel() {
        RgbImage flat = new RgbImage(2, 2, new float[] {255, 255, 255, 255, 0, 0, 0, 0, 51, 51, 51, 51});
        float[] out = new float[12];
        Normalization n = new Normalization(new float[] {0.5f, 0.5f, 0.2f}, new float[] {0.5f, 0.25f, 0.1f});
        Resample.crop(
                flat,
                Resample.axis(2, 2),
                Resample.axis(2, 2),
                new Crop(0, 0, true),
                2,
                n.factors(),
                n.offsets(),
                out,
                0,
                new float[4]);
        assertEquals(n.apply(0, 255), out[0], 1e-5);
        assertEquals(n.apply(1, 0), out[4], 1e-5);
        assertEquals(n.apply(2, 51), out[11], 1e-5);
    }

    /** An image of {@code h x w} with the same plane in all three channels. */
    private static RgbImage image(int h, int w, float[] plane) {
        float[] planes = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(plane, 0, planes, c * h * w, h * w);
        }
        return new RgbImage(h, w, planes);
    }
}
