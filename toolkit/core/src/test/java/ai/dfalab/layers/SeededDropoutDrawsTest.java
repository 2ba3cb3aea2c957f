package ai.dfalab.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeededDropoutDrawsTest {

    /**
     * The masks are SplittableRandom's: draw k of mask m of stream s is the k-th {@code nextDouble() < retain} of
     * {@code new SplittableRandom(s * golden gamma + m)}, as they were drawn before they were computed directly, so
     * stored runs keep their numbers.
     */
    @ParameterizedTest
    @CsvSource({"0.5, 3", "0.9, 0", "0.1, 77", "0.999, 12345"})
    void drawsAreSplittableRandomsDoubles(double retain, long stream) {
        SeededDropout dropout = new SeededDropout(retain, stream);
        for (long mask = 0; mask < 3; mask++) {
            SplittableRandom random = new SplittableRandom(stream * 0x9E3779B97F4A7C15L + mask);
            float[] expected = new float[10_007];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = random.nextDouble() < retain ? (float) (1 / retain) : 0f;
            }
            assertArrayEquals(expected, dropout.nextDraws(expected.length), "mask " + mask);
        }
    }
}
