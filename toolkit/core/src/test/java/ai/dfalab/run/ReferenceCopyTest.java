package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Runs are added to the reference as their records alone, finished ones only, never replacing one there. */
class ReferenceCopyTest {
    private static final RunSpec SPEC = MnistRuns.TINY.withEpochs(1);

    @TempDir
    Path dir;

    @Test
    void finishedRunsAreCopiedWithTheirProvenanceButNoWeights() throws IOException {
        MnistRuns.requireMnist();
        ResultStore store = new ResultStore(dir.resolve("runs"));
        RunResult run = new Experiment(store, Progress.SILENT).keepingWeights().run(SPEC);
        RunKey key = store.load(store.folders("").get(0)).orElseThrow().key();
        assertTrue(Files.exists(dir.resolve("runs").resolve(key.folder()).resolve("weights.bin")));
        double training =
                run.epochs().stream().mapToDouble(EpochMetrics::seconds).sum();
        assertTrue(
                run.wallSeconds() >= training && run.wallSeconds() > 0,
                run.provenance().toString());

        // an unfinished run beside it: left out
        RunResult partial =
                new RunResult(SPEC.withEpochs(2), run.epochs(), RunResult.Status.UNFINISHED, null, run.provenance());
        store.saveCheckpoint(new RunKey(SPEC.withEpochs(2), key.data(), key.numerics()), partial, Nd4j.zeros(3), null);

        Path reference = dir.resolve("reference");
        ReferenceCopy.Report report = ReferenceCopy.add(store, reference, f -> true);
        assertEquals(List.of(key.folder()), report.added());
        assertEquals(1, report.skipped().size());
        assertTrue(
                report.skipped().get(0).endsWith(": unfinished after 1 epochs"),
                report.skipped().toString());
        try (Stream<Path> s = Files.walk(reference)) {
            assertEquals(
                    List.of(key.folder() + "/run.json"),
                    s.filter(Files::isRegularFile)
                            .map(p -> reference.relativize(p).toString())
                            .toList());
        }
        RunResult copied = new ResultStore(reference).load(key).orElseThrow().result();
        assertEquals(run.provenance(), copied.provenance());
        assertEquals(run.testAccuracy(), copied.testAccuracy());

        // again: nothing to do; a selection that takes nothing copies nothing
        assertEquals(
                List.of(key.folder() + ": already in the reference"),
                ReferenceCopy.add(store, reference, f -> f.equals(key.folder())).skipped());
        assertEquals(new ReferenceCopy.Report(List.of(), List.of()), ReferenceCopy.add(store, reference, f -> false));
    }

    @Test
    void aRunTheReferenceHoldsOtherwiseIsNeverReplaced() throws IOException {
        RunKey key = new RunKey(SPEC, "a".repeat(64), Numerics.VERSION);
        ResultStore store = new ResultStore(dir.resolve("runs"));
        store.saveFinal(key, result(1.0), null);
        Path reference = dir.resolve("reference");
        new ResultStore(reference).saveFinal(key, result(2.0), null);
        Path state = reference.resolve(key.folder()).resolve("run.json");
        String before = Files.readString(state);

        ReferenceCopy.Report report = ReferenceCopy.add(store, reference, f -> true);
        assertEquals(List.of(), report.added());
        assertEquals(
                List.of(key.folder() + ": the reference holds another record of this run, "
                        + reference.resolve(key.folder()) + "; delete that folder to replace it"),
                report.skipped());
        assertEquals(before, Files.readString(state));
    }

    /** A finished one-epoch result of {@link #SPEC} that took {@code seconds}. */
    private static RunResult result(double seconds) {
        EpochMetrics epoch = new EpochMetrics(
                0, 2.0, 0.3, 0.3, Double.NaN, new double[] {0.5}, new double[] {0.1}, seconds, 1.0, 2.0, 1e-3);
        return new RunResult(SPEC, List.of(epoch), true, java.util.Map.of(RunResult.WALL_SECONDS, "" + seconds));
    }
}
