package ai.dfalab.experiments;

/** Hears how a run goes; {@link ConsoleProgress} prints it. */
public interface Progress {

    /** A run starts (or resumes at {@code firstEpoch}); {@code fastPath}: whether steps take the dense fast path. */
    default void started(RunSpec spec, int firstEpoch, boolean fastPath) {
    }

    /** Within an epoch, now and then. */
    default void steps(int epoch, int done, int total, double stepsPerSecond) {
    }

    default void epoch(RunSpec spec, EpochMetrics metrics) {
    }

    /** A finished run was found in the store and reused. */
    default void reused(RunResult result) {
    }

    Progress SILENT = new Progress() {
    };
}
