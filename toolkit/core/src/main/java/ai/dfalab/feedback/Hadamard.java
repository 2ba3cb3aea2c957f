package ai.dfalab.feedback;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unnormalised fast Walsh-Hadamard transform ({@code H H = d I}) of {@code cols} vectors stored as the columns of a
 * row-major {@code d x cols} array: {@code d log d} butterflies, each on two whole rows, in Java's Vector API when the
 * JVM has it (the compiler does not vectorise two offsets into one array by itself), in plain Java otherwise.
 */
final class Hadamard {
    private static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Hadamard() {}

    static void transform(float[] x, int d, int cols) {
        for (int h = 1; h < d; h <<= 1) {
            for (int i = 0; i < d; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    int p = j * cols;
                    int q = (j + h) * cols;
                    int s = VECTOR_API ? Lanes.butterfly(x, p, q, cols) : 0;
                    for (; s < cols; s++) {
                        float a = x[p + s];
                        float b = x[q + s];
                        x[p + s] = a + b;
                        x[q + s] = a - b;
                    }
                }
            }
        }
    }

    /** The vectorised butterfly, in its own class so that it loads only when the Vector API is there. */
    private static final class Lanes {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

        /** Butterflies rows at {@code p} and {@code q} over whole vectors; returns where the scalar tail starts. */
        static int butterfly(float[] x, int p, int q, int cols) {
            int s = 0;
            for (int end = S.loopBound(cols); s < end; s += S.length()) {
                FloatVector a = FloatVector.fromArray(S, x, p + s);
                FloatVector b = FloatVector.fromArray(S, x, q + s);
                a.add(b).intoArray(x, p + s);
                a.sub(b).intoArray(x, q + s);
            }
            return s;
        }
    }
}
