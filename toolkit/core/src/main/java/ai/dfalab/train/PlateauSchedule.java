package ai.dfalab.train;

/**
 * Table 3's learning-rate schedule: divide the rate by 10 when the validation loss has not improved for more than
 * {@code patience} epochs (an epoch improves when its loss is below the best so far; the count restarts after a cut).
 * A pure function of the losses so far, so a resumed run replays it and trains at the same rate as an uninterrupted one.
 */
public final class PlateauSchedule {
    private PlateauSchedule() {}

    /** The learning rate for the epoch after {@code losses} (one validation loss per finished epoch); 0 patience: constant. */
    public static double rate(double base, int patience, double[] losses) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0: constant learning rate), got " + patience);
        }
        double rate = base;
        if (patience == 0) {
            return rate;
        }
        double best = Double.POSITIVE_INFINITY;
        int stalled = 0;
        for (double loss : losses) {
            if (loss < best) {
                best = loss;
                stalled = 0;
            } else if (++stalled > patience) {
                rate /= 10;
                stalled = 0;
            }
        }
        return rate;
    }
}
