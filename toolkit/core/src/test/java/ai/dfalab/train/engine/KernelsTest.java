package ai.dfalab.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelsTest {

    /** The engine's tanh, on every float step of 1/4096 in [-10, 10] and on tiny values, is within 4 ulp of Math's. */
    @Test
    void tanhIsWithinAFewUlpOfMathTanh() {
        int n = 20 * 4096 + 1 + 64;
        ByteBuffer z = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        ByteBuffer h = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 20 * 4096 + 1 ? -10f + i / 4096f : (float) Math.scalb(1.0, -(i - 20 * 4096));
            z.putFloat(4 * i, x[i]);
        }
        Kernels.activate(z, 0, h, 0, n, 0f, Pointwise.of(new org.nd4j.linalg.activations.impl.ActivationTanH()), false);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float expected = (float) Math.tanh(x[i]);
            worst = Math.max(worst, Math.abs(h.getFloat(4 * i) - expected) / Math.ulp(expected));
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
    }

    /**
     * Max pooling over runs longer than a vector, with a partial one at the end (37 = 2 x 16 + 5 = 4 x 8 + 5):
     * the maximum and the first window entry holding it (ties included), and the backward pass adds each gradient at
     * that entry only, as a scalar loop does.
     */
    @Test
    void maxPoolAndItsAdjointMatchAScalarLoopOnWholeVectorsAndAPartialOne() {
        int n = 37;
        int window = 4;
        int[] starts = {0, n, 2 * n, 3 * n};
        Random random = new Random(7);
        ByteBuffer x = floats(window * n);
        for (int i = 0; i < window * n; i++) {
            x.putFloat(4 * i, random.nextInt(5)); // few values: many ties
        }
        ByteBuffer y = floats(n);
        ByteBuffer arg = floats(n);
        Kernels.maxPool(x, starts, y, 0, arg, 0, n);
        ByteBuffer dy = floats(n);
        ByteBuffer dx = floats(window * n);
        for (int i = 0; i < n; i++) {
            dy.putFloat(4 * i, i + 1);
            dx.putFloat(4 * (starts[i % window] + i), 100); // some entries hold a value the adjoint adds to
        }
        Kernels.maxPoolBack(dy, 0, arg, 0, dx, starts, n);
        for (int i = 0; i < n; i++) {
            int first = 0;
            for (int k = 1; k < window; k++) {
                if (x.getFloat(4 * (starts[k] + i)) > x.getFloat(4 * (starts[first] + i))) {
                    first = k;
                }
            }
            assertEquals(x.getFloat(4 * (starts[first] + i)), y.getFloat(4 * i), "max at " + i);
            assertEquals(first, arg.getFloat(4 * i), "argmax at " + i);
            for (int k = 0; k < window; k++) {
                float before = k == i % window ? 100 : 0;
                float expected = before + (k == first ? i + 1 : 0);
                assertEquals(expected, dx.getFloat(4 * (starts[k] + i)), "dx of entry " + k + " at " + i);
            }
        }
    }

    private static ByteBuffer floats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
    }
}
