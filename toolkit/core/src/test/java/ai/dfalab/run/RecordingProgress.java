package ai.dfalab.run;

import java.util.ArrayList;
import java.util.List;

/** What an experiment told its progress, one line per event: how a test sees what a user would be told. */
final class RecordingProgress implements Progress {
    final List<String> lines = new ArrayList<>();

    @Override
    public void reused(RunResult result) {
        lines.add(result.fromReference() ? "reused from the reference" : "reused from the store");
    }

    @Override
    public void started(RunSpec spec, int firstEpoch, String path) {
        lines.add("trained");
    }

    @Override
    public void note(RunSpec spec, String message) {
        lines.add(message);
    }
}
