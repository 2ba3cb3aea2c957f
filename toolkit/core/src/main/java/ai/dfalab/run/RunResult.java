package ai.dfalab.run;

import ai.dfalab.choice.Choice;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's record: its spec, every finished epoch, its {@link Status}, and where it came from (toolkit version and
 * commit, numerics version, data checksums, BLAS, CPU, threads, date), so a stored result says how it was made. A
 * diverged run keeps the epochs it finished and says where it diverged; it has no final accuracy (NaN), so no table
 * can show it as a number by mistake.
 *
 * @param divergence where and why it diverged, for status {@link Status#DIVERGED}; null otherwise
 */
public record RunResult(
        RunSpec spec,
        List<EpochMetrics> epochs,
        Status status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Divergence divergence,
        Map<String, String> provenance) {

    /**
     * The provenance entry of a run reused from the project's reference runs ({@link ReferenceRuns}): which record it
     * is, and the data and code it came from against the user's. Added as the run is reused, never stored.
     */
    public static final String REFERENCE = "reference";

    /**
     * The provenance entry of the run's measured wall time in seconds: its epochs with their evaluations, probes and
     * saves, summed over every session that ran them (a resumed run counts each part once).
     */
    public static final String WALL_SECONDS = "wall_seconds";

    /** How a run stands. */
    public enum Status implements Choice {
        /** Still to train (stored after each epoch: an interrupted run resumes from here). */
        UNFINISHED,
        /** Trained every epoch. */
        FINISHED,
        /** Stopped on a non-finite loss or weight: a result, stored and reused like a finished one. */
        DIVERGED;

        @JsonValue
        @Override
        public String id() {
            return Choice.super.id();
        }
    }

    /**
     * Where a run diverged: {@code epoch} and {@code step} counted from 1, as the progress lines print them, and what
     * was not finite (e.g. {@code training loss NaN}).
     */
    public record Divergence(int epoch, int step, String cause) {
        @Override
        public String toString() {
            return "diverged at epoch " + epoch + " (step " + step + "): " + cause;
        }
    }

    public RunResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        epochs = List.copyOf(epochs);
        provenance = Map.copyOf(provenance);
        if ((status == Status.DIVERGED) != (divergence != null)) {
            throw new IllegalArgumentException(
                    "a divergence is recorded exactly for status diverged, got " + status + " with " + divergence);
        }
    }

    /** A run that did not diverge: finished, or not yet. */
    public RunResult(RunSpec spec, List<EpochMetrics> epochs, boolean finished, Map<String, String> provenance) {
        this(spec, epochs, finished ? Status.FINISHED : Status.UNFINISHED, null, provenance);
    }

    /** Whether this run is one of the project's reference runs, reused, rather than one of the user's store. */
    public boolean fromReference() {
        return provenance.containsKey(REFERENCE);
    }

    /** The run's measured wall time in seconds ({@link #WALL_SECONDS}); NaN for a run made before it was recorded. */
    public double wallSeconds() {
        String value = provenance.get(WALL_SECONDS);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "run " + spec.label() + ": provenance " + WALL_SECONDS + " '" + value + "' is not a number", e);
        }
    }

    /** Whether every epoch trained. */
    public boolean finished() {
        return status == Status.FINISHED;
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }

    /** Whether the run is over, finished or diverged: a stored one is reused, not run again. */
    public boolean done() {
        return status != Status.UNFINISHED;
    }

    /** One line: {@code finished}, {@code unfinished after N epochs} or {@code diverged at epoch k (step s): ...}. */
    public String describe() {
        return switch (status) {
            case FINISHED -> "finished";
            case UNFINISHED -> "unfinished after " + epochs.size() + " epochs";
            case DIVERGED -> divergence.toString();
        };
    }

    /** The last finished epoch. */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("run " + spec.label() + " has no finished epoch (" + describe() + ")");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** Test accuracy after the last epoch; NaN for a diverged run, which has no final accuracy. */
    public double testAccuracy() {
        return diverged() ? Double.NaN : last().testAccuracy();
    }

    /** Train accuracy of the last epoch; NaN for a diverged run. */
    public double trainAccuracy() {
        return diverged() ? Double.NaN : last().trainAccuracy();
    }

    /** One value per finished epoch, e.g. {@code series(EpochMetrics::testAccuracy)}. */
    public double[] series(java.util.function.ToDoubleFunction<EpochMetrics> value) {
        return epochs.stream().mapToDouble(value).toArray();
    }

    /** Mean alignment per finished epoch at feedback point {@code point}. */
    public double[] alignmentSeries(int point) {
        return series(e -> e.alignmentMean()[point]);
    }

    /** Mean alignment per feedback point after the last finished epoch. */
    public double[] alignment() {
        return last().alignmentMean();
    }
}
