package ai.dfalab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Adds runs to a folder of reference runs ({@link ReferenceRuns}): each selected finished or diverged run of a store
 * is copied as its record alone ({@code run.json}: every epoch's metrics and alignment, the spec, the provenance with
 * its wall time), under the same folder name, without weights or checkpoints. Unfinished and unreadable runs are
 * left out, and a run the reference already holds is never replaced: the reference changes only by additions.
 */
public final class ReferenceCopy {
    /** What an addition did: the folders copied, and each folder left out with why. */
    public record Report(List<String> added, List<String> skipped) {
        public Report {
            added = List.copyOf(added);
            skipped = List.copyOf(skipped);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceCopy() {}

    /** Copies the runs of {@code from} whose folder names {@code select} accepts into the reference {@code to}. */
    public static Report add(ResultStore from, Path to, Predicate<String> select) {
        ResultStore reference = new ResultStore(to);
        List<String> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String folder : from.folders("")) {
            if (!select.test(folder)) {
                continue;
            }
            try {
                Optional<ResultStore.StoredRun> run = from.load(folder);
                Optional<String> why = run.isEmpty()
                        ? Optional.of("no run.json")
                        : run.get().result().done()
                                ? alreadyThere(reference, run.get())
                                : Optional.of(run.get().result().describe());
                if (why.isPresent()) {
                    skipped.add(folder + ": " + why.get());
                } else {
                    reference.saveFinal(run.get().key(), run.get().result(), null);
                    added.add(folder);
                }
            } catch (BrokenRunException e) {
                skipped.add(folder + ": " + e.getMessage());
            }
        }
        return new Report(added, skipped);
    }

    /** Why {@code run} is not copied to {@code reference} because it holds that run already, if it does. */
    private static Optional<String> alreadyThere(ResultStore reference, ResultStore.StoredRun run) {
        Optional<ResultStore.StoredRun> there = reference.load(run.key());
        if (there.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                same(there.get().result(), run.result())
                        ? "already in the reference"
                        : "the reference holds another record of this run, " + reference.location(run.key())
                                + "; delete that folder to replace it");
    }

    /** Whether two results hold the same values (their provenance maps in any order). */
    private static boolean same(RunResult a, RunResult b) {
        return JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }
}
