package ai.dfalab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's reference runs: a folder laid out like a {@link ResultStore} ({@value #FOLDER}/ at the top of the
 * checkout) holding only the records of finished or diverged runs, no weights. An {@link Experiment} whose own store
 * has no finished run of a spec reuses the reference's run of that spec and {@link Numerics#VERSION} even when the
 * user's data differs from the data it was made from (another copy of CIFAR-10, say): it is the project's result, and
 * says so ({@link RunResult#REFERENCE}). The folder is only read; what is recomputed goes to the user's store.
 * {@link ReferenceCopy} adds runs to it.
 */
public final class ReferenceRuns {
    /** The setting: {@code off}, or the folder of reference runs; unset, the checkout's {@value #FOLDER}/. */
    public static final String ENV = "DFA_REFERENCE";
    /** The setting as a system property, read when {@value #ENV} is unset. */
    public static final String PROPERTY = "dfa.reference";
    /** The reference folder's name at the top of the checkout. */
    public static final String FOLDER = "reference";
    /** No reference: every run not in the user's store is computed. */
    public static final ReferenceRuns NONE = new ReferenceRuns(null);

    /** Null for {@link #NONE}; only ever read from. */
    private final ResultStore runs;

    private ReferenceRuns(ResultStore runs) {
        this.runs = runs;
    }

    /** The reference runs in {@code folder} (none if it does not exist). */
    public static ReferenceRuns at(Path folder) {
        return new ReferenceRuns(new ResultStore(folder));
    }

    /** The reference runs {@value #ENV} (else {@code -D}{@value #PROPERTY}) names, from the working directory. */
    public static ReferenceRuns located() {
        String setting = System.getenv(ENV);
        if (setting == null || setting.isBlank()) {
            setting = System.getProperty(PROPERTY);
        }
        return located(setting, Path.of("").toAbsolutePath());
    }

    /**
     * {@code off}: none; a folder: the runs in it; unset: {@value #FOLDER}/ of the checkout {@code workingDir} is in
     * (the nearest folder above it holding the toolkit's sources), none outside a checkout or without that folder.
     *
     * @throws IllegalArgumentException if {@code setting} names no folder
     */
    static ReferenceRuns located(String setting, Path workingDir) {
        if (setting == null || setting.isBlank()) {
            for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("toolkit/core/pom.xml"))) {
                    return at(dir.resolve(FOLDER));
                }
            }
            return NONE;
        }
        if (setting.strip().equalsIgnoreCase("off")) {
            return NONE;
        }
        Path folder = workingDir.resolve(setting.strip());
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(ENV + "='" + setting + "': " + folder
                    + " is not a folder (expected a folder of reference runs, or off for none)");
        }
        return at(folder);
    }

    /**
     * The reference's finished or diverged run of {@code key}'s spec and numerics, labelled as the project's
     * reference ({@link RunResult#REFERENCE}): the one made from {@code key}'s data if there is one, else the first
     * by folder name. A record that cannot be read is told to {@code progress}, naming its file, and passed over.
     */
    Optional<RunResult> find(RunKey key, Progress progress) {
        if (runs == null) {
            return Optional.empty();
        }
        List<ResultStore.StoredRun> found = new ArrayList<>();
        for (String folder : runs.folders(key.specPrefix())) {
            try {
                runs.load(folder)
                        .filter(r -> r.key().spec().equals(key.spec())
                                && r.key().numerics() == key.numerics()
                                && r.result().done())
                        .ifPresent(found::add);
            } catch (BrokenRunException e) {
                progress.note(key.spec(), "reference run passed over: " + e.getMessage());
            }
        }
        return found.stream()
                .filter(r -> r.key().data().equals(key.data()))
                .findFirst()
                .or(() -> found.stream().findFirst())
                .map(r -> labelled(r, key));
    }

    /** The run with where it came from, against what the user has, in its provenance. */
    private RunResult labelled(ResultStore.StoredRun run, RunKey user) {
        RunResult r = run.result();
        String data = run.key().data().equals(user.data())
                ? "the same data as yours (sha256 " + shortSum(user.data()) + ")"
                : "other data than yours (sha256 " + shortSum(run.key().data()) + ", yours " + shortSum(user.data())
                        + ")";
        Map<String, String> provenance = new LinkedHashMap<>(r.provenance());
        provenance.put(
                RunResult.REFERENCE,
                "the project's reference run " + runs.location(run.key()) + ", made by toolkit commit "
                        + r.provenance().getOrDefault("commit", "unknown") + " on " + data);
        return new RunResult(r.spec(), r.epochs(), r.status(), r.divergence(), provenance);
    }

    private static String shortSum(String sha256) {
        return sha256.substring(0, 12);
    }

    @Override
    public String toString() {
        return runs == null
                ? "no reference runs"
                : "reference runs in " + runs.files().describe("");
    }
}
