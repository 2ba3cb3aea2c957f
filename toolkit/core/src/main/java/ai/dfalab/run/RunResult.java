package ai.dfalab.run;

import java.util.List;
import java.util.Map;

/**
 * A run's record: its spec, every finished epoch, whether it is complete, and where it came from (toolkit version,
 * backend, threads, date), so a stored result says how it was made.
 */
public record RunResult(RunSpec spec, List<EpochMetrics> epochs, boolean finished, Map<String, String> provenance) {

    public RunResult {
        epochs = List.copyOf(epochs);
        provenance = Map.copyOf(provenance);
    }

    /** The last finished epoch. */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("run " + spec.label() + " has no finished epoch");
        }
        return epochs.get(epochs.size() - 1);
    }

    public double testAccuracy() {
        return last().testAccuracy();
    }

    public double trainAccuracy() {
        return last().trainAccuracy();
    }

    /** One value per epoch, e.g. {@code series(EpochMetrics::testAccuracy)}. */
    public double[] series(java.util.function.ToDoubleFunction<EpochMetrics> value) {
        return epochs.stream().mapToDouble(value).toArray();
    }

    /** Mean alignment per epoch at feedback point {@code point}. */
    public double[] alignmentSeries(int point) {
        return series(e -> e.alignmentMean()[point]);
    }

    /** Mean alignment per feedback point after the last epoch. */
    public double[] alignment() {
        return last().alignmentMean();
    }
}
