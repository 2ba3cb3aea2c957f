package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored run is reused only for the same spec, data and numerics; others are computed beside it, never over it. */
class HonestReuseTest {
    private static final RunSpec SPEC = MnistRuns.SHORT.withEpochs(1);

    @TempDir
    Path dir;

    @Test
    void theKeyChangesWithTheDataAndTheNumericsButNotTheSpecPrefix() {
        RunKey key = new RunKey(SPEC, "a".repeat(64), 1);
        RunKey otherData = new RunKey(SPEC, "b".repeat(64), 1);
        RunKey otherCode = new RunKey(SPEC, "a".repeat(64), 2);
        assertEquals(key.folder(), new RunKey(SPEC, "a".repeat(64), 1).folder());
        assertNotEquals(key.folder(), otherData.folder());
        assertNotEquals(key.folder(), otherCode.folder());
        assertNotEquals(otherData.folder(), otherCode.folder());
        assertEquals(key.specPrefix(), otherCode.specPrefix());
        assertTrue(key.folder().startsWith(key.specPrefix()));
        assertNotEquals(key.specPrefix(), new RunKey(SPEC.withSeed(1), "a".repeat(64), 1).specPrefix());
    }

    @Test
    void otherDataIsComputedBesideTheStoredRunWhichStaysAsItWas() throws IOException {
        MnistRuns.requireMnist();
        Path data = MnistRuns.copyOfMnist(dir.resolve("data"));
        Path runs = dir.resolve("runs");
        RunResult first = new Experiment(new ResultStore(runs), Progress.SILENT)
                .readingDataFrom(data)
                .run(SPEC);
        Path firstState = onlyFolder(runs).resolve("run.json");
        byte[] stored = Files.readAllBytes(firstState);

        // the same bytes elsewhere are the same data: reused
        Path copy = MnistRuns.copyOfMnist(dir.resolve("copy"));
        RecordingProgress recording = new RecordingProgress();
        List<String> events = recording.lines;
        new Experiment(new ResultStore(runs), recording).readingDataFrom(copy).run(SPEC);
        assertEquals(List.of("reused from the store"), events);

        // one test label changed (stored plain now): other data, so computed again, beside the first run
        MnistRuns.changeFirstTestLabel(copy);
        events.clear();
        RunResult second = new Experiment(new ResultStore(runs), recording)
                .readingDataFrom(copy)
                .run(SPEC);
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).contains("other data or numerics are kept, not reused"), events.get(0));
        assertTrue(events.get(0).contains(firstState.getParent().getFileName().toString()), events.get(0));
        assertEquals("trained", events.get(1));
        assertTrue(second.finished());
        assertNotEquals(
                first.provenance().get("data_sha256"), second.provenance().get("data_sha256"));
        assertTrue(
                second.provenance().get("data:mnist/t10k-labels-idx1-ubyte").startsWith("10008 bytes, sha256 "),
                second.provenance().toString());
        assertTrue(Files.exists(firstState));
        assertEquals(new String(stored), Files.readString(firstState), "the first run is untouched");
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void provenanceSaysWhatProducedTheResult() {
        MnistRuns.requireMnist();
        RunResult r = new Experiment(new ResultStore(dir), Progress.SILENT).run(SPEC);
        var p = r.provenance();
        assertEquals(String.valueOf(Numerics.VERSION), p.get("numerics"));
        assertTrue(p.get("commit").matches("[0-9a-f]{40}(-dirty)?|unknown"), p.get("commit"));
        assertTrue(p.get("data_sha256").matches("[0-9a-f]{64}"), p.get("data_sha256"));
        assertTrue(
                p.get("data:mnist/train-images-idx3-ubyte.gz") != null
                        || p.get("data:mnist/train-images-idx3-ubyte") != null,
                p.toString());
        assertTrue(p.get("blas").matches("OpenBLAS \\S+ \\(ND4J \\d[^)]*\\), .*"), p.get("blas"));
        assertTrue(!p.get("cpu").isBlank() && !p.get("toolkit").isBlank(), p.toString());
    }

    private static Path onlyFolder(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
