package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataFingerprint;
import ai.dfalab.data.DataLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's reference runs: reused after the user's own store, whatever the user's data, labelled as the
 * reference; never written; off when told; a broken record named and passed over.
 */
class ReferenceRunsTest {
    private static final RunSpec SPEC = MnistRuns.TINY.withEpochs(1);

    /** A reference folder holding {@link #SPEC}'s run on the real MNIST (made once, never written after). */
    @TempDir
    static Path shared;

    private static Path reference;
    private static RunResult made;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTheReference() {
        MnistRuns.requireMnist();
        Path store = shared.resolve("made");
        made = new Experiment(new ResultStore(store), Progress.SILENT)
                .withReference(ReferenceRuns.NONE)
                .run(SPEC);
        reference = shared.resolve("reference");
        assertEquals(
                1,
                ReferenceCopy.add(new ResultStore(store), reference, f -> true)
                        .added()
                        .size());
    }

    @Test
    void aReferenceRunOfTheSameDataIsReusedAndLabelled() throws IOException {
        Map<String, String> before = bytes(reference);
        Path runs = dir.resolve("runs");
        RecordingProgress events = new RecordingProgress();
        RunResult r = new Experiment(new ResultStore(runs), events)
                .withReference(ReferenceRuns.at(reference))
                .run(SPEC);
        assertEquals(List.of("reused from the reference"), events.lines);
        assertTrue(r.fromReference());
        assertEquals(made.testAccuracy(), r.testAccuracy());
        String origin = r.provenance().get(RunResult.REFERENCE);
        assertTrue(origin.contains("the same data as yours"), origin);
        assertTrue(
                origin.contains(reference.toString())
                        && origin.contains(made.provenance().get("commit")),
                origin);
        assertFalse(Files.exists(runs), "nothing is written to the user's store for a reused run");
        assertEquals(before, bytes(reference));
    }

    @Test
    void onOtherDataTheReferenceRunIsReusedAsTheProjectsNamingBothData() throws IOException {
        Path data = MnistRuns.copyOfMnist(dir.resolve("data"));
        MnistRuns.changeFirstTestLabel(data);
        String yours = DataFingerprint.of(SPEC.dataset(), data).digest();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunResult r = new Experiment(
                        new ResultStore(dir.resolve("runs")),
                        new ConsoleProgress(new PrintStream(printed, true, StandardCharsets.UTF_8), 20))
                .withReference(ReferenceRuns.at(reference))
                .readingDataFrom(data)
                .run(SPEC);
        assertTrue(r.fromReference());
        String theirs = made.provenance().get("data_sha256");
        assertNotEquals(theirs, yours);
        assertEquals(theirs, r.provenance().get("data_sha256"), "the provenance is the reference run's own");
        String line = printed.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("reused reference run: " + SPEC.label()), line);
        assertTrue(
                line.contains("other data than yours (sha256 " + theirs.substring(0, 12) + ", yours "
                        + yours.substring(0, 12) + ")"),
                line);
    }

    @Test
    void keepingWeightsStillReusesTheReferenceButTheTrainedNetworkIsTrainedInTheStore() {
        Path runs = dir.resolve("runs");
        RecordingProgress events = new RecordingProgress();
        Experiment keeping = new Experiment(new ResultStore(runs), events)
                .withReference(ReferenceRuns.at(reference))
                .keepingWeights();
        assertTrue(keeping.run(SPEC).fromReference(), "a table needs the reference's metrics only");
        assertFalse(Files.exists(runs));
        var net = keeping.trained(SPEC); // weights: the reference has none, so the run is trained here
        assertEquals(List.of("reused from the reference", "trained"), events.lines);
        RunResult own = keeping.stored(SPEC).orElseThrow();
        assertFalse(own.fromReference());
        assertEquals(made.testAccuracy(), own.testAccuracy(), 1e-6, "the same seed trains the same run");
        assertEquals(
                SPEC.network(DataLocation.root()).net().numParams(), net.net().numParams());
    }

    @Test
    void theUsersOwnFinishedRunWinsOverTheReference() {
        ResultStore runs = new ResultStore(dir.resolve("runs"));
        RunResult own = new Experiment(runs, Progress.SILENT)
                .withReference(ReferenceRuns.NONE)
                .run(SPEC);
        RecordingProgress events = new RecordingProgress();
        RunResult r = new Experiment(runs, events)
                .withReference(ReferenceRuns.at(reference))
                .run(SPEC);
        assertEquals(List.of("reused from the store"), events.lines);
        assertFalse(r.fromReference());
        assertEquals(own.provenance(), r.provenance());
    }

    @Test
    void whatIsComputedGoesToTheUsersStoreNeverIntoTheReference() throws IOException {
        Map<String, String> before = bytes(reference);
        Path runs = dir.resolve("runs");
        RecordingProgress events = new RecordingProgress();
        Experiment withReference =
                new Experiment(new ResultStore(runs), events).withReference(ReferenceRuns.at(reference));
        withReference.run(SPEC.withSeed(1)); // not in the reference
        withReference.withReference(ReferenceRuns.NONE).run(SPEC); // in it, but off
        assertEquals(List.of("trained", "trained"), events.lines);
        assertEquals(before, bytes(reference));
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void theSettingTurnsTheReferenceOffOrNamesItsFolder() throws IOException {
        RunKey key = RunKey.of(SPEC, DataFingerprint.of(SPEC.dataset(), DataLocation.root()));
        assertTrue(ReferenceRuns.located("off", dir).find(key, Progress.SILENT).isEmpty());
        assertTrue(
                ReferenceRuns.located(" OFF ", dir).find(key, Progress.SILENT).isEmpty());
        assertTrue(ReferenceRuns.located(reference.toString(), dir)
                .find(key, Progress.SILENT)
                .isPresent());

        // unset: the checkout's reference/ folder, found from anywhere inside the checkout; absent, none
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("toolkit/core"));
        Files.writeString(checkout.resolve("toolkit/core/pom.xml"), "<project/>");
        Path notebooks = Files.createDirectories(checkout.resolve("notebooks"));
        assertTrue(ReferenceRuns.located(null, notebooks)
                .find(key, Progress.SILENT)
                .isEmpty());
        copy(reference, checkout.resolve(ReferenceRuns.FOLDER));
        assertTrue(
                ReferenceRuns.located("", notebooks).find(key, Progress.SILENT).isPresent());

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.located("no-such-folder", dir));
        assertTrue(e.getMessage().startsWith("DFA_REFERENCE='no-such-folder': "), e.getMessage());
    }

    @Test
    void aBrokenReferenceRecordIsNamedAndPassedOverAndTheRunComputed() throws IOException {
        for (String damage : List.of("{\"format\": 1, \"numer", "{\"format\": 1}")) {
            Path broken = dir.resolve("broken-" + damage.length());
            copy(reference, broken);
            Path state;
            try (Stream<Path> s = Files.list(broken)) {
                state = s.findFirst().orElseThrow().resolve("run.json");
            }
            Files.writeString(state, damage);
            RecordingProgress events = new RecordingProgress();
            RunResult r = new Experiment(new ResultStore(dir.resolve("runs-" + damage.length())), events)
                    .withReference(ReferenceRuns.at(broken))
                    .run(SPEC);
            assertEquals(2, events.lines.size(), events.lines.toString());
            assertTrue(
                    events.lines.get(0).startsWith("reference run passed over: " + state + " is unreadable"),
                    events.lines.get(0));
            assertEquals("trained", events.lines.get(1));
            assertTrue(r.finished() && !r.fromReference());
            assertEquals(damage, Files.readString(state));
        }
    }

    /** Every file under {@code root} with its content. */
    private static Map<String, String> bytes(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
