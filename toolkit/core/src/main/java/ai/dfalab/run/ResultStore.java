package ai.dfalab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder of runs, one sub-folder per {@link RunKey} ({@link RunKey#folder()}), each holding {@code run.json} (the
 * {@link RunState}: every finished epoch and the checkpoint files of the last, with their checksums) and those files.
 *
 * <p>A checkpoint becomes visible in one step: an epoch's weights and updater state are written under names of their
 * own ({@code params-e0003.bin}), then {@code run.json}, naming them with their SHA-256, replaces the previous one
 * atomically; only then are the previous epoch's files deleted. A crash at any point leaves a {@code run.json} whose
 * files exist and match. One process writes a run at a time ({@link #lock}). All storage goes through
 * {@link StoreFiles}.
 */
public final class ResultStore {
    static final String STATE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** How often a waiting writer looks at a held lock again. */
    private static final long POLL_MILLIS = 200;

    private final StoreFiles files;

    /** Runs under the local folder {@code root}. */
    public ResultStore(Path root) {
        this(new LocalStoreFiles(root));
    }

    /** Runs in {@code files} (another file system). */
    public ResultStore(StoreFiles files) {
        this.files = files;
    }

    public StoreFiles files() {
        return files;
    }

    /** Where run {@code key} is stored, for messages. */
    public String location(RunKey key) {
        return files.describe(key.folder());
    }

    /**
     * The stored run of {@code key}, finished or not, if any.
     *
     * @throws BrokenRunException if its {@code run.json} is unreadable or names a file that is missing or damaged
     */
    public Optional<StoredRun> load(RunKey key) {
        Optional<RunState> s = read(key.folder());
        if (s.isPresent() && !s.get().key().equals(key)) {
            throw new BrokenRunException(
                    files.describe(key.folder() + "/" + STATE) + " holds another run than its folder name says");
        }
        return s.map(state -> checked(key, state));
    }

    /**
     * The run stored in {@code folder} (a name from {@link #folders}), whatever its data and numerics, if that folder
     * holds a {@code run.json}; checked as {@link #load(RunKey)} checks.
     *
     * @throws BrokenRunException if its {@code run.json} is unreadable, holds a run of another folder, or names a file
     *     that is missing or damaged
     */
    public Optional<StoredRun> load(String folder) {
        Optional<RunState> s = read(folder);
        if (s.isPresent() && !s.get().key().folder().equals(folder)) {
            throw new BrokenRunException(
                    files.describe(folder + "/" + STATE) + " holds another run than its folder name says");
        }
        return s.map(state -> checked(state.key(), state));
    }

    /** The run folders whose names start with {@code prefix} (e.g. {@link RunKey#specPrefix()}; "" for all), sorted. */
    public List<String> folders(String prefix) {
        try {
            return files.list("").stream()
                    .filter(name -> name.startsWith(prefix) && !name.startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the run store " + files.describe(""), e);
        }
    }

    /** The {@code run.json} of {@code folder}, parsed, if there is one. */
    private Optional<RunState> read(String folder) {
        String state = folder + "/" + STATE;
        try (InputStream in = files.open(state)) {
            return Optional.of(JSON.readValue(in, RunState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BrokenRunException(files.describe(state) + " is unreadable (" + e.getMessage() + ")", e);
        }
    }

    private StoredRun checked(RunKey key, RunState s) {
        for (RunState.File f : s.files().values()) {
            verify(key, f);
        }
        return new StoredRun(key, s);
    }

    /** A run as stored, its files checked against their checksums. */
    public final class StoredRun {
        private final RunKey key;
        private final RunState state;

        private StoredRun(RunKey key, RunState state) {
            this.key = key;
            this.state = state;
        }

        public RunKey key() {
            return key;
        }

        public RunResult result() {
            return state.result();
        }

        /** The stored array {@code role} ({@link RunState#PARAMS}, {@link RunState#UPDATER}, {@link RunState#WEIGHTS}). */
        public Optional<INDArray> array(String role) {
            RunState.File f = state.files().get(role);
            if (f == null) {
                return Optional.empty();
            }
            verify(key, f); // again: what is read now is what was checked
            try (InputStream in = new BufferedInputStream(files.open(key.folder() + "/" + f.name()), 1 << 16)) {
                return Optional.of(Nd4j.read(in));
            } catch (IOException e) {
                throw new BrokenRunException(files.describe(key.folder() + "/" + f.name()) + " is unreadable", e);
            }
        }
    }

    /** Folders of runs of the same spec as {@code key} made from other data or numerics (kept, not overwritten). */
    public List<String> others(RunKey key) {
        return folders(key.specPrefix()).stream()
                .filter(name -> !name.equals(key.folder()))
                .toList();
    }

    /**
     * Stores an unfinished run after an epoch together with what resuming needs: its weights and updater state (null:
     * none). They become visible together with the epoch's metrics, or not at all.
     */
    public void saveCheckpoint(RunKey key, RunResult result, INDArray params, INDArray updater) {
        Map<String, RunState.File> written = new LinkedHashMap<>();
        int epoch = result.epochs().size();
        write(key, written, RunState.PARAMS, String.format("params-e%04d.bin", epoch), params);
        if (updater != null) {
            write(key, written, RunState.UPDATER, String.format("updater-e%04d.bin", epoch), updater);
        }
        publish(key, result, written);
    }

    /**
     * Stores a run that is over (finished or diverged), with {@code weights} if given (else null): a finished run's
     * final ones, a diverged run's at the end of its last finite epoch.
     */
    public void saveFinal(RunKey key, RunResult result, INDArray weights) {
        Map<String, RunState.File> written = new LinkedHashMap<>();
        if (weights != null) {
            write(key, written, RunState.WEIGHTS, "weights.bin", weights);
        }
        publish(key, result, written);
    }

    /**
     * Sets a broken stored run aside (its {@code run.json} kept as {@code run.json.broken-<time>}) so that it can be
     * run again; nothing of a readable run is ever overwritten this way.
     */
    public void setAside(RunKey key) {
        String state = key.folder() + "/" + STATE;
        try {
            byte[] bytes;
            try (InputStream in = files.open(state)) {
                bytes = in.readAllBytes();
            } catch (NoSuchFileException e) {
                return;
            }
            files.write(state + ".broken-" + Instant.now().toEpochMilli(), out -> out.write(bytes));
            files.delete(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the broken run " + files.describe(state) + " aside", e);
        }
    }

    /**
     * The writer's lock of run {@code key}: waits while another process (or thread) holds it, telling {@code waiting}
     * who holds it, or with {@code wait} false fails at once with {@link RunLockedException}.
     */
    public StoreFiles.Lock lock(RunKey key, boolean wait, Consumer<String> waiting) {
        String owner = owner();
        boolean told = false;
        try {
            while (true) {
                Optional<StoreFiles.Lock> lock = files.tryLock(key.folder(), owner);
                if (lock.isPresent()) {
                    return lock.get();
                }
                String holder = "run " + key.spec().label() + " is being written by "
                        + files.lockOwner(key.folder()).orElse("another process") + " (" + location(key) + ")";
                if (!wait) {
                    throw new RunLockedException(holder);
                }
                if (!told) {
                    waiting.accept(holder + "; waiting for it");
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock run " + location(key), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException(
                    "interrupted while waiting for the lock of " + location(key));
        }
    }

    /** Who this writer is, for the messages of those who wait. */
    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + " ("
                + ManagementFactory.getRuntimeMXBean().getName() + ", thread "
                + Thread.currentThread().getName() + ", since " + Instant.now() + ")";
    }

    private void write(RunKey key, Map<String, RunState.File> written, String role, String name, INDArray array) {
        try {
            StoreFiles.Written w = files.write(key.folder() + "/" + name, out -> Nd4j.write(out, array));
            written.put(role, new RunState.File(name, w.bytes(), w.sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.describe(key.folder() + "/" + name), e);
        }
    }

    /** Replaces {@code run.json} (the commit point), then deletes what it no longer names. */
    private void publish(RunKey key, RunResult result, Map<String, RunState.File> written) {
        RunState state = new RunState(RunState.FORMAT, key.numerics(), key.data(), result, written);
        String folder = key.folder();
        try {
            files.write(folder + "/" + STATE, out -> out.write(JSON.writeValueAsBytes(state)));
            for (String name : files.list(folder)) {
                if (isLeftover(name, written)) {
                    files.delete(folder + "/" + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store run " + result.spec().label() + " in " + location(key), e);
        }
    }

    /** An array file no longer named, or a temporary file of an interrupted write (only the lock holder gets here). */
    private static boolean isLeftover(String name, Map<String, RunState.File> kept) {
        boolean named = kept.values().stream().anyMatch(f -> f.name().equals(name));
        return !named && (name.endsWith(".bin") || (name.startsWith(".") && name.contains(".tmp-")));
    }

    /** Checks that a file named by {@code run.json} exists with its recorded size and SHA-256. */
    private void verify(RunKey key, RunState.File f) {
        String path = key.folder() + "/" + f.name();
        MessageDigest sha = LocalStoreFiles.sha256();
        long bytes = 0;
        try (InputStream in = files.open(path)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                bytes += n;
            }
        } catch (NoSuchFileException e) {
            throw new BrokenRunException(files.describe(path) + " is missing", e);
        } catch (IOException e) {
            throw new BrokenRunException(files.describe(path) + " is unreadable (" + e + ")", e);
        }
        String sum = HexFormat.of().formatHex(sha.digest());
        if (bytes != f.bytes() || !sum.equals(f.sha256())) {
            throw new BrokenRunException(files.describe(path) + " is damaged: " + bytes + " bytes with SHA-256 " + sum
                    + ", run.json recorded " + f.bytes() + " bytes with " + f.sha256());
        }
    }
}
