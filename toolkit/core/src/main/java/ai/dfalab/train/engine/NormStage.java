package ai.dfalab.train.engine;

import java.util.List;

/**
 * Batch normalisation, DL4J's (dense or NCHW input), over each channel's values: in the engine's layout they are one
 * contiguous run ({@code H x W x batch}). Per channel, over the batch's {@code m} values:
 * <pre>
 *   forward:  y = gamma (x - mean) / std + beta,         std = sqrt(var + eps), var biased
 *   backward: dx = gamma / std (dy - sum(dy) / m - xhat sum(dy xhat) / m),   xhat = (x - mean) / std
 * </pre>
 * The running statistics take DL4J's steps, {@code mean <- mean - (1 - decay)(mean - batch mean)} and, for the log10
 * standard deviation, the difference of logs that takes the variance to {@code decay var + (1 - decay) batch var};
 * inference normalises with them.
 */
final class NormStage extends Stage {
    private static final double ONE_ON_2LN10 = 1.0 / (2 * Math.log(10.0));

    private final Param gamma;
    private final Param beta;
    private final Param runningMean;
    /** The running log10 standard deviation, or the running variance. */
    private final Param runningSpread;

    private final boolean logStd;
    private final double eps;
    private final double decay;
    private final double[] mean;
    private final double[] var;
    private final float[] std;

    NormStage(
            int layer,
            Shape shape,
            Param gamma,
            Param beta,
            Param runningMean,
            Param runningSpread,
            boolean logStd,
            double eps,
            double decay) {
        super(layer, shape, shape);
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningSpread = runningSpread;
        this.logStd = logStd;
        this.eps = eps;
        this.decay = decay;
        this.mean = new double[shape.channels()];
        this.var = new double[shape.channels()];
        this.std = new float[shape.channels()];
    }

    @Override
    List<Param> params() {
        return List.of(gamma, beta, runningMean, runningSpread);
    }

    @Override
    void forward(Columns x, Columns y, Pass pass) {
        int run = out.plane() * x.cols;
        double m = run;
        if (pass.training) {
            pass.workers.run(mean.length, c -> {
                mean[c] = Kernels.sum(x.bytes, x.offset + c * run, run) / m;
                var[c] = Kernels.squaredDeviations(x.bytes, x.offset + c * run, run, (float) mean[c]) / m;
            });
        } else {
            double[] spread = runningSpread.value.toDoubleVector();
            double[] running = runningMean.value.toDoubleVector();
            for (int c = 0; c < mean.length; c++) {
                mean[c] = running[c];
                var[c] = logStd ? Math.pow(10, 2 * spread[c]) : spread[c];
            }
        }
        float[] g = gamma.values();
        float[] b = beta.values();
        for (int c = 0; c < mean.length; c++) {
            std[c] = (float) Math.sqrt((float) var[c] + eps);
        }
        pass.workers.run(
                mean.length,
                c -> Kernels.normalize(
                        x.bytes,
                        x.offset + c * run,
                        y.bytes,
                        y.offset + c * run,
                        run,
                        (float) mean[c],
                        g[c] / std[c],
                        b[c]));
    }

    @Override
    void backward(Columns x, Columns y, Columns dy, Columns dx, Downward down, Pass pass) {
        int run = out.plane() * x.cols;
        double m = run;
        float[] g = gamma.values();
        double[] dGamma = new double[mean.length];
        double[] dBeta = new double[mean.length];
        pass.workers.run(mean.length, c -> {
            int at = c * run;
            float inverseStd = 1f / std[c];
            dBeta[c] = Kernels.sum(dy.bytes, dy.offset + at, run);
            dGamma[c] = Kernels.dotNormalized(
                    dy.bytes, dy.offset + at, x.bytes, x.offset + at, run, (float) mean[c], inverseStd);
            if (dx != null) {
                Kernels.normalizeBack(
                        dy.bytes,
                        dy.offset + at,
                        x.bytes,
                        x.offset + at,
                        dx.bytes,
                        dx.offset + at,
                        run,
                        (float) mean[c],
                        inverseStd,
                        g[c] * inverseStd,
                        (float) (dBeta[c] / m),
                        (float) (dGamma[c] / m));
            }
        });
        gamma.vectorStep(dGamma, pass);
        beta.vectorStep(dBeta, pass);
        double[] running = runningMean.value.toDoubleVector();
        double[] meanStep = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            meanStep[c] = (running[c] - mean[c]) * (1 - decay);
        }
        double[] spread = runningSpread.value.toDoubleVector();
        double[] spreadStep = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            if (logStd) {
                double v = Math.pow(10, 2 * spread[c]);
                spreadStep[c] = Math.log(v / (decay * v + (1 - decay) * var[c])) * ONE_ON_2LN10;
            } else {
                spreadStep[c] = (spread[c] - var[c]) * (1 - decay);
            }
        }
        runningMean.vectorStep(meanStep, pass);
        runningSpread.vectorStep(spreadStep, pass);
    }
}
