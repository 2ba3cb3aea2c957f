package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
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
        double[][] h1 = tanh(affine(x, w[0], b[0]));
        double[][] h2 = tanh(affine(h1, w[1], b[1]));
        double[][] p = softmax(affine(h2, w[2], b[2]));
        double[][] e = minus(p, y);
        double hidden = scale == SignalScale.SUM ? LR : LR / BATCH; // the seed code sums the DFA signal over the batch
        double[][] d1 = times(project(e, feedback[0]), oneMinusSquare(h1));
        double[][] d2 = times(project(e, feedback[1]), oneMinusSquare(h2));
        expectedBias = new double[][] {
            step(b[0], columnSums(d1), hidden),
            step(b[1], columnSums(d2), hidden),
            step(b[2], columnSums(e), LR / BATCH)
        };
        return new double[][][] {
            step(w[0], outer(x, d1), hidden), step(w[1], outer(h1, d2), hidden), step(w[2], outer(h2, e), LR / BATCH)
        };
    }

    private static double[][] affine(double[][] h, double[][] w, double[] b) {
        double[][] a = new double[h.length][w[0].length];
        for (int n = 0; n < h.length; n++) {
            for (int j = 0; j < w[0].length; j++) {
                double s = b[j];
                for (int i = 0; i < w.length; i++) {
                    s += h[n][i] * w[i][j];
                }
                a[n][j] = s;
            }
        }
        return a;
    }

    private static double[][] tanh(double[][] a) {
        double[][] h = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[0].length; j++) {
                h[n][j] = Math.tanh(a[n][j]);
            }
        }
        return h;
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

    private static double[][] minus(double[][] a, double[][] b) {
        double[][] r = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[0].length; j++) {
                r[n][j] = a[n][j] - b[n][j];
            }
        }
        return r;
    }

    /** {@code B_i e} for every sample: row n of the result is {@code B e_n}. */
    private static double[][] project(double[][] e, double[][] feedback) {
        double[][] t = new double[e.length][feedback.length];
        for (int n = 0; n < e.length; n++) {
            for (int i = 0; i < feedback.length; i++) {
                double s = 0;
                for (int k = 0; k < e[0].length; k++) {
                    s += feedback[i][k] * e[n][k];
                }
                t[n][i] = s;
            }
        }
        return t;
    }

    private static double[][] oneMinusSquare(double[][] h) {
        double[][] d = new double[h.length][h[0].length];
        for (int n = 0; n < h.length; n++) {
            for (int j = 0; j < h[0].length; j++) {
                d[n][j] = 1 - h[n][j] * h[n][j];
            }
        }
        return d;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] r = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[0].length; j++) {
                r[n][j] = a[n][j] * b[n][j];
            }
        }
        return r;
    }

    /** {@code sum_n h_n^T delta_n}, shaped like DL4J's W (nIn x nOut). */
    private static double[][] outer(double[][] h, double[][] delta) {
        double[][] g = new double[h[0].length][delta[0].length];
        for (int n = 0; n < h.length; n++) {
            for (int i = 0; i < h[0].length; i++) {
                for (int j = 0; j < delta[0].length; j++) {
                    g[i][j] += h[n][i] * delta[n][j];
                }
            }
        }
        return g;
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
