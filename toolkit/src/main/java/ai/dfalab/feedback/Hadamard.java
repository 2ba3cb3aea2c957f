package ai.dfalab.feedback;

/**
 * The unnormalised fast Walsh-Hadamard transform ({@code H H = d I}) of {@code cols} vectors stored as the columns of a
 * row-major {@code d x cols} array: {@code d log d} butterflies, each on two whole rows (contiguous, so they vectorise).
 */
final class Hadamard {
    private Hadamard() {
    }

    static void transform(float[] x, int d, int cols) {
        for (int h = 1; h < d; h <<= 1) {
            for (int i = 0; i < d; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    int p = j * cols;
                    int q = (j + h) * cols;
                    for (int s = 0; s < cols; s++) {
                        float a = x[p + s];
                        float b = x[q + s];
                        x[p + s] = a + b;
                        x[q + s] = a - b;
                    }
                }
            }
        }
    }
}
