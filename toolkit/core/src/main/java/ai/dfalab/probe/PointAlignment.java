package ai.dfalab.probe;

/**
 * Alignment at one feedback point: per-sample {@code cos(beta_i)} between the DFA signal and the BP gradient
 * (eq. 6), with their mean and (sample) standard deviation over the batch.
 */
public record PointAlignment(int point, int size, double mean, double std, double[] perSample) {

    static PointAlignment of(int point, int size, double[] cos) {
        double mean = 0;
        for (double c : cos) {
            mean += c;
        }
        mean /= cos.length;
        double ss = 0;
        for (double c : cos) {
            ss += (c - mean) * (c - mean);
        }
        double std = cos.length > 1 ? Math.sqrt(ss / (cos.length - 1)) : 0;
        return new PointAlignment(point, size, mean, std, cos);
    }

    @Override
    public double[] perSample() {
        return perSample.clone();
    }
}
