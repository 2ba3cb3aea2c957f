package ai.dfalab.run;

import java.util.Map;
import java.util.Objects;

/**
 * A stored run's {@code run.json}: the key it answers for (its spec inside the result), the result so far, and the
 * files it names (the last checkpoint, or a finished run's weights) with their sizes and SHA-256. Written last and
 * atomically, it is what makes an epoch's files and metrics visible together.
 */
record RunState(int format, int numerics, String data, RunResult result, Map<String, File> files) {
    static final int FORMAT = 1;
    static final String PARAMS = "params";
    static final String UPDATER = "updater";
    static final String WEIGHTS = "weights";

    /** A file of the run's folder, by name, with what it must hold. */
    record File(String name, long bytes, String sha256) {}

    RunState {
        Objects.requireNonNull(result, "result");
        files = Map.copyOf(files);
        new RunKey(result.spec(), data, numerics); // a record naming no valid key is refused as it is read
    }

    /** The key this run answers for. */
    RunKey key() {
        return new RunKey(result.spec(), data, numerics);
    }
}
