package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference runs committed in this checkout's {@code reference/} are what a notebook would reuse: each
 * {@code run.json} readable and naming its own folder, finished or diverged, at the paper's 50 epochs (Table 3's
 * VGG-16: its CPU row's 10 or its paper plan's 74) on all the training data, with the provenance the README and the
 * notebooks show (toolkit commit, data checksum, wall time).
 */
class CommittedReferenceTest {
    @Test
    void everyCommittedRunIsOneANotebookWouldReuse() {
        Path top = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(top.resolve("toolkit/core/pom.xml"))) {
            top = top.getParent();
        }
        ResultStore reference = new ResultStore(top.resolve(ReferenceRuns.FOLDER));
        List<String> folders = reference.folders("");
        assertFalse(folders.isEmpty(), "no runs in " + top.resolve(ReferenceRuns.FOLDER));
        for (String folder : folders) {
            if (!Files.isDirectory(top.resolve(ReferenceRuns.FOLDER).resolve(folder))) {
                continue; // README.md
            }
            RunResult r = reference
                    .load(folder)
                    .orElseThrow(() -> new AssertionError(folder + " holds no run.json"))
                    .result();
            assertTrue(r.done(), folder + " is " + r.status());
            boolean vgg = r.spec().model().architecture().id().startsWith("vgg16");
            assertTrue(
                    vgg ? Set.of(10, 74).contains(r.spec().epochs()) : r.spec().epochs() == 50,
                    folder + ": " + r.spec().epochs() + " epochs");
            assertEquals(0, r.spec().trainLimit(), folder);
            assertEquals(
                    r.diverged() ? r.epochs().size() : r.spec().epochs(),
                    r.epochs().size(),
                    folder);
            for (String entry : List.of("commit", "data_sha256", "wall_seconds", "cpu", "blas")) {
                assertTrue(r.provenance().containsKey(entry), folder + " has no " + entry + " in its provenance");
            }
        }
    }
}
