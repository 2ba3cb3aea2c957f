package ai.dfalab.train.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The engine's element-wise work in Java's Vector API, on runs of contiguous floats in native buffers (positions in
 * elements, not bytes): one fused pass where ND4J would run several ops (its tanh alone took ~0.8 ms on 128 x 800
 * here, a pass of this class ~0.08 ms).
 *
 * <p>Only operations IEEE 754 rounds exactly (add, multiply, fused multiply-add, divide, compare) in a fixed order: the Vector API may
 * compute {@code reduceLanes(ADD)} and {@code TANH} differently once the JIT has compiled a loop than before, and a
 * run's numbers must not depend on when that happened (a resumed run must give the uninterrupted one's).
 */
final class Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final int BLOCK = 16 * L;
    /** tanh's rational form: numerator and denominator coefficients in x^2, highest power first. */
    private static final float[] TANH_P = {
        -2.76076847742355e-16f,
        2.00018790482477e-13f,
        -8.60467152213735e-11f,
        5.12229709037114e-08f,
        1.48572235717979e-05f,
        6.37261928875436e-04f,
        4.89352455891786e-03f
    };

    private static final float[] TANH_Q = {
        1.19825839466702e-06f, 1.18534705686654e-04f, 2.26843463243900e-03f, 4.89352518554385e-03f
    };
    private static final int ZEROS_LENGTH = 16 * 1024;
    /** A block of zero floats, read only: {@link #zero} copies it. */
    private static final ByteBuffer ZEROS =
            ByteBuffer.allocateDirect(ZEROS_LENGTH * 4).asReadOnlyBuffer();
    /** Beyond this, float tanh is +-1. */
    private static final float TANH_SATURATES = 7.90531110763549805f;

    private Kernels() {}

    private static FloatVector load(ByteBuffer b, int i) {
        return VectorAccess.load(S, b, i * 4, NATIVE);
    }

    private static FloatVector load(ByteBuffer b, int i, VectorMask<Float> m) {
        return VectorAccess.load(S, b, i * 4, NATIVE, m);
    }

    private static void store(FloatVector v, ByteBuffer b, int i) {
        VectorAccess.store(v, b, i * 4, NATIVE);
    }

    private static void store(FloatVector v, ByteBuffer b, int i, VectorMask<Float> m) {
        VectorAccess.store(v, b, i * 4, NATIVE, m);
    }

    /** {@code f(v)}. */
    private static FloatVector apply(Pointwise f, FloatVector v) {
        return switch (f.kind()) {
            case IDENTITY -> v;
            case TANH -> tanh(v);
            case PIECEWISE -> v.blend(v.mul(f.slope()), v.compare(VectorOperators.LE, 0f));
            case ABS -> v.abs();
        };
    }

    /**
     * tanh as a rational function, odd degree 13 over even degree 6 (minimax on the float range, within 4 ulp of
     * {@link Math#tanh}), saturated where float tanh rounds to +-1.
     */
    private static FloatVector tanh(FloatVector v) {
        FloatVector x = v.max(-TANH_SATURATES).min(TANH_SATURATES);
        FloatVector x2 = x.mul(x);
        return x.mul(horner(x2, TANH_P)).div(horner(x2, TANH_Q));
    }

    /** The polynomial with coefficients {@code c} (highest power first) at {@code x}, one fused multiply-add a term. */
    private static FloatVector horner(FloatVector x, float[] c) {
        FloatVector p = FloatVector.broadcast(S, c[0]);
        for (int k = 1; k < c.length; k++) {
            p = p.fma(x, FloatVector.broadcast(S, c[k]));
        }
        return p;
    }

    /** The sum of {@code v}'s lanes in lane order (see the class comment for why not {@code reduceLanes}). */
    private static float sumLanes(FloatVector v) {
        float total = 0;
        for (float lane : v.toArray()) {
            total += lane;
        }
        return total;
    }

    /** {@code g f'} where {@code u} is the output {@code f(a)} when {@link Pointwise#fromOutput}, else {@code a}. */
    private static FloatVector derive(Pointwise f, FloatVector g, FloatVector u) {
        return switch (f.kind()) {
            case IDENTITY -> g;
            case TANH -> g.mul(u.mul(u).neg().add(1f));
            case PIECEWISE -> g.blend(g.mul(f.slope()), u.compare(VectorOperators.LE, 0f));
            case ABS ->
                g.blend(g.neg(), u.compare(VectorOperators.LT, 0f))
                        .blend(0f, u.compare(VectorOperators.EQ, 0f)); // sign(0) = 0, as DL4J's |x|
        };
    }

    /** {@code h[i] = f(z[i] + bias)} for {@code n} entries; with {@code keepZ}, {@code z[i] += bias} as well. */
    static void activate(ByteBuffer z, int zi, ByteBuffer h, int hi, int n, float bias, Pointwise f, boolean keepZ) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = load(z, zi + i).add(bias);
            if (keepZ) {
                store(v, z, zi + i);
            }
            store(apply(f, v), h, hi + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = load(z, zi + i, m).add(bias);
            if (keepZ) {
                store(v, z, zi + i, m);
            }
            store(apply(f, v), h, hi + i, m);
        }
    }

    /** {@code d[i] = g[i] f'(u[i])} for {@code n} entries ({@code d} may be {@code g}); returns the sum of {@code d}. */
    static float derivative(ByteBuffer g, int gi, ByteBuffer u, int ui, ByteBuffer d, int di, int n, Pointwise f) {
        FloatVector sum = FloatVector.zero(S);
        int i = 0;
        boolean identity =
                f.kind() == Pointwise.Kind.IDENTITY; // no u: g stands in (a null vector crashed Java 25's JIT)
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector gv = load(g, gi + i);
            FloatVector v = derive(f, gv, identity ? gv : load(u, ui + i));
            store(v, d, di + i);
            sum = sum.add(v);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector gv = load(g, gi + i, m);
            FloatVector v = derive(f, gv, identity ? gv : load(u, ui + i, m));
            store(v, d, di + i, m);
            sum = sum.add(v, m);
        }
        return sumLanes(sum);
    }

    /** {@code y[i] = x[i] m[i]} ({@code y} may be {@code x}). */
    static void multiply(ByteBuffer x, int xi, ByteBuffer mask, int mi, ByteBuffer y, int yi, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            store(load(x, xi + i).mul(load(mask, mi + i)), y, yi + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            store(load(x, xi + i, m).mul(load(mask, mi + i, m)), y, yi + i, m);
        }
    }

    /** {@code y[i] = c x[i]} ({@code y} may be {@code x}). */
    static void scale(ByteBuffer x, int xi, float c, ByteBuffer y, int yi, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            store(load(x, xi + i).mul(c), y, yi + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            store(load(x, xi + i, m).mul(c), y, yi + i, m);
        }
    }

    /** {@code y[i] += x[i]}. */
    static void add(ByteBuffer x, int xi, ByteBuffer y, int yi, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            store(load(y, yi + i).add(load(x, xi + i)), y, yi + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            store(load(y, yi + i, m).add(load(x, xi + i, m)), y, yi + i, m);
        }
    }

    /** {@code y[i] = 0}: copies of a block of zeros. */
    static void zero(ByteBuffer y, int yi, int n) {
        for (int done = 0; done < n; done += ZEROS_LENGTH) {
            y.put((yi + done) * 4, ZEROS, 0, Math.min(ZEROS_LENGTH, n - done) * 4);
        }
    }

    /** {@code y[i] = x[i]}, as one memory copy. */
    static void copy(ByteBuffer x, int xi, ByteBuffer y, int yi, int n) {
        y.put(yi * 4, x, xi * 4, n * 4);
    }

    /**
     * Max pooling of one output run: {@code y[i] = max_k x[starts[k] + i]} over the window's {@code k}, and in
     * {@code arg[i]} the first {@code k} (in window order) that holds it, as DL4J's pooling picks on ties.
     */
    static void maxPool(ByteBuffer x, int[] starts, ByteBuffer y, int yi, ByteBuffer arg, int ai, int n) {
        int i = 0;
        for (; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector max = load(x, starts[0] + i, m);
            FloatVector at = FloatVector.zero(S);
            for (int k = 1; k < starts.length; k++) {
                FloatVector v = load(x, starts[k] + i, m);
                VectorMask<Float> above = v.compare(VectorOperators.GT, max);
                max = max.blend(v, above);
                at = at.blend(k, above);
            }
            store(max, y, yi + i, m);
            store(at, arg, ai + i, m);
        }
    }

    /** The adjoint of {@link #maxPool}: {@code dx[starts[k] + i] += dy[i]} where {@code arg[i] == k}. */
    static void maxPoolBack(ByteBuffer dy, int yi, ByteBuffer arg, int ai, ByteBuffer dx, int[] starts, int n) {
        int i = 0;
        for (; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector g = load(dy, yi + i, m);
            FloatVector at = load(arg, ai + i, m);
            for (int k = 0; k < starts.length; k++) {
                VectorMask<Float> here = at.compare(VectorOperators.EQ, k).and(m);
                if (here.anyTrue()) {
                    store(load(dx, starts[k] + i, m).add(g, here), dx, starts[k] + i, m);
                }
            }
        }
    }

    /**
     * Sum of {@code x[i]}: float lanes over blocks of {@link #BLOCK} entries (a lane adds 16 values), double across
     * blocks, so batch norm's statistics stay as exact as DL4J's.
     */
    static double sum(ByteBuffer x, int xi, int n) {
        double total = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            FloatVector s = FloatVector.zero(S);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                s = s.add(load(x, xi + i));
            }
            if (i < to) {
                s = s.add(load(x, xi + i, S.indexInRange(i - from, to - from)));
            }
            total += sumLanes(s);
        }
        return total;
    }

    /** {@code sum (x[i] - mean)^2}, blocked as {@link #sum}. */
    static double squaredDeviations(ByteBuffer x, int xi, int n, float mean) {
        double total = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            FloatVector s = FloatVector.zero(S);
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = S.indexInRange(i - from, to - from);
                FloatVector d = load(x, xi + i, m).sub(mean);
                s = s.add(d.mul(d), m);
            }
            total += sumLanes(s);
        }
        return total;
    }

    /** {@code y[i] = (x[i] - mean) scale + shift}. */
    static void normalize(ByteBuffer x, int xi, ByteBuffer y, int yi, int n, float mean, float scale, float shift) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            store(load(x, xi + i).sub(mean).mul(scale).add(shift), y, yi + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            store(load(x, xi + i, m).sub(mean).mul(scale).add(shift), y, yi + i, m);
        }
    }

    /** {@code sum dy[i] (x[i] - mean) inverseStd}, blocked as {@link #sum}. */
    static double dotNormalized(ByteBuffer dy, int di, ByteBuffer x, int xi, int n, float mean, float inverseStd) {
        double total = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            FloatVector s = FloatVector.zero(S);
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = S.indexInRange(i - from, to - from);
                FloatVector xhat = load(x, xi + i, m).sub(mean).mul(inverseStd);
                s = s.add(load(dy, di + i, m).mul(xhat), m);
            }
            total += sumLanes(s);
        }
        return total;
    }

    /** Batch norm's input gradient: {@code dx[i] = scale (dy[i] - meanDy - xhat[i] meanDyXhat)}, {@code xhat = (x - mean) inverseStd}. */
    static void normalizeBack(
            ByteBuffer dy,
            int di,
            ByteBuffer x,
            int xi,
            ByteBuffer dx,
            int dxi,
            int n,
            float mean,
            float inverseStd,
            float scale,
            float meanDy,
            float meanDyXhat) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector xhat = load(x, xi + i, m).sub(mean).mul(inverseStd);
            FloatVector g = load(dy, di + i, m).sub(meanDy).sub(xhat.mul(meanDyXhat));
            store(g.mul(scale), dx, dxi + i, m);
        }
    }
}
