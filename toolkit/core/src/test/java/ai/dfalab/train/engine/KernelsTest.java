package ai.dfalab.train.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
}
