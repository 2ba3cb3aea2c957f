package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/** The DFA step on DL4J layers equals eq. 3 computed independently with plain Java arrays. */
class DfaUpdateTest {
    private static final int BATCH = 8;
    private static final double LR = 0.05;

    @ParameterizedTest(name = "{0}, biases={1}")
    @CsvSource({"SUM,true", "SUM,false", "MEAN,true", "MEAN,false"})
    void stepMatchesEquation3(SignalScale scale, boolean bias) {
        BlockNetwork net = TinyNets.build("tanh", bias, DataType.FLOAT, new Sgd(LR), 11);
        Feedback feedback = FeedbackKind.UNIFIED.create(net.pointSizes(), TinyNets.OUT, 3);
        INDArray x = TinyNets.inputs(BATCH, DataType.FLOAT, 5);
        INDArray y = TinyNets.oneHot(BATCH, DataType.FLOAT);
        MultiLayerNetwork m = net.net();
        double[][][] w = new double[3][][];
        double[][] b = new double[3][];
        for (int l = 0; l < 3; l++) {
            w[l] = TinyNets.toArray(m.getLayer(l).getParam("W"));
            b[l] = bias
                    ? m.getLayer(l).getParam("b").castTo(DataType.DOUBLE).toDoubleVector()
                    : new double[w[l][0].length];
        }
        double[][][] expectedW = expectedWeights(
                w,
                b,
                TinyNets.toArray(x),
                TinyNets.toArray(y),
                new double[][][] {TinyNets.toArray(feedback.matrix(0)), TinyNets.toArray(feedback.matrix(1))},
                scale);

        new Learner(net, new DirectFeedbackAlignment(feedback, scale)).step(x, y);

        for (int l = 0; l < 3; l++) {
            double[][] actual = TinyNets.toArray(m.getLayer(l).getParam("W"));
            for (int i = 0; i < actual.length; i++) {
                for (int j = 0; j < actual[i].length; j++) {
                    assertEquals(expectedW[l][i][j], actual[i][j], 2e-6, "W" + (l + 1) + "[" + i + "][" + j + "]");
                }
            }
        }
        if (bias) {
            for (int l = 0; l < 3; l++) {
                double[] actual =
                        m.getLayer(l).getParam("b").castTo(DataType.DOUBLE).toDoubleVector();
                for (int j = 0; j < actual.length; j++) {
                    assertEquals(expectedBias[l][j], actual[j], 2e-6, "b" + (l + 1) + "[" + j + "]");
                }
            }
        }
    }

    private double[][] expectedBias;

    /** Eq. 1 forward, eq. 3 for the hidden layers, the true gradient for the output layer; SGD with DL4J's layout (W is nIn x nOut). */
    private double[][][] expectedWeights(
            double[][][] w, double[][] b, double[][] x, double[][] y, double[][][] feedback, SignalScale scale) {
        double[][] h1 = map(affine(x, w[0], b[0]), Math::tanh);
        double[][] h2 = map(affine(h1, w[1], b[1]), Math::tanh);
        double[][] p = softmax(affine(h2, w[2], b[2]));
        double[][] e = zip(p, y, (pj, yj) -> pj - yj);
        double hidden = scale == SignalScale.SUM ? LR : LR / BATCH; // the seed code sums the DFA signal over the batch
        // eq. 3: the projected error times tanh's derivative, 1 - h^2 at the layer's output h
        DoubleBinaryOperator timesTanhDerivative = (t, h) -> t * (1 - h * h);
        double[][] d1 = zip(project(e, feedback[0]), h1, timesTanhDerivative);
        double[][] d2 = zip(project(e, feedback[1]), h2, timesTanhDerivative);
        expectedBias = new double[][] {
            step(b[0], columnSums(d1), hidden),
            step(b[1], columnSums(d2), hidden),
            step(b[2], columnSums(e), LR / BATCH)
        };
        return new double[][][] {
            step(w[0], outer(x, d1), hidden), step(w[1], outer(h1, d2), hidden), step(w[2], outer(h2, e), LR / BATCH)
        };
    }

    /** {@code h W + b}: {@code b} added to every row. */
    private static double[][] affine(double[][] h, double[][] w, double[] b) {
        double[][] a = product(h, w);
        for (double[] row : a) {
            for (int j = 0; j < b.length; j++) {
                row[j] += b[j];
            }
        }
        return a;
    }

    private static double[][] softmax(double[][] a) {
        double[][] p = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a[n]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < a[n].length; j++) {
                p[n][j] = Math.exp(a[n][j] - max);
                sum += p[n][j];
            }
            for (int j = 0; j < a[n].length; j++) {
                p[n][j] /= sum;
            }
        }
        return p;
    }

    /** {@code B_i e} for every sample: row n of the result is {@code B e_n}. */
    private static double[][] project(double[][] e, double[][] feedback) {
        return product(e, transpose(feedback));
    }

    /** {@code sum_n h_n^T delta_n}, shaped like DL4J's W (nIn x nOut). */
    private static double[][] outer(double[][] h, double[][] delta) {
        return product(transpose(h), delta);
    }

    /** The matrix product {@code a b}. */
    private static double[][] product(double[][] a, double[][] b) {
        double[][] r = new double[a.length][b[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int k = 0; k < b.length; k++) {
                    s += a[n][k] * b[k][j];
                }
                r[n][j] = s;
            }
        }
        return r;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** {@code f} of every element of {@code a}. */
    private static double[][] map(double[][] a, DoubleUnaryOperator f) {
        return Arrays.stream(a).map(row -> Arrays.stream(row).map(f).toArray()).toArray(double[][]::new);
    }

    /** {@code f} of the elements of {@code a} and {@code b} at the same place. */
    private static double[][] zip(double[][] a, double[][] b, DoubleBinaryOperator f) {
        double[][] r = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[0].length; j++) {
                r[n][j] = f.applyAsDouble(a[n][j], b[n][j]);
            }
        }
        return r;
    }

    private static double[] columnSums(double[][] d) {
        double[] s = new double[d[0].length];
        for (double[] row : d) {
            for (int j = 0; j < s.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }

    private static double[][] step(double[][] w, double[][] g, double lr) {
        double[][] r = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) {
            r[i] = step(w[i], g[i], lr);
        }
        return r;
    }

    private static double[] step(double[] w, double[] g, double lr) {
        double[] r = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            r[j] = w[j] - lr * g[j];
        }
        return r;
    }
}
