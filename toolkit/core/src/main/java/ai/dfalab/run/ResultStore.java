package ai.dfalab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder of runs, one sub-folder per {@link RunSpec} ({@code <readable-name>-<hash of the spec>}), holding
 * {@code result.json} (every finished epoch) and, while a run is unfinished, a checkpoint of its weights. Every
 * file is written to a temporary name and moved into place atomically, so a crash never leaves a torn result.
 */
public final class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    public ResultStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder of a run. */
    public Path folder(RunSpec spec) {
        String name = spec.label()
                .replace(' ', '-')
                .replaceAll("[^A-Za-z0-9.=,()_+-]", "")
                .replace("(", "")
                .replace(")", "")
                .replace(",", "_")
                .toLowerCase(Locale.ROOT);
        return root.resolve(name + "-" + hash(spec));
    }

    /** The stored result of {@code spec}, finished or not, if any. */
    public Optional<RunResult> load(RunSpec spec) {
        Path file = folder(spec).resolve("result.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunResult.class));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "stored result " + file + " is unreadable (delete it to rerun): " + e.getMessage(), e);
        }
    }

    public void save(RunResult result) {
        try {
            writeAtomically(folder(result.spec()).resolve("result.json"), JSON.writeValueAsBytes(result));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot store the result of " + result.spec().label() + " under " + root, e);
        }
    }

    /** Saves the arrays a run needs to resume (weights, updater state). */
    public void saveCheckpoint(RunSpec spec, INDArray params, INDArray updaterState) {
        Path dir = folder(spec);
        try {
            Files.createDirectories(dir);
            saveArray(dir.resolve("params.bin"), params);
            if (updaterState != null) {
                saveArray(dir.resolve("updater.bin"), updaterState);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of " + spec.label() + " in " + dir, e);
        }
    }

    /** The checkpointed array {@code name} ("params" or "updater"), if present. */
    public Optional<INDArray> checkpoint(RunSpec spec, String name) {
        Path file = folder(spec).resolve(name + ".bin");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Nd4j.readBinary(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "checkpoint " + file + " is unreadable (delete the run's folder to restart it)", e);
        }
    }

    /** Saves a finished run's final weights ({@code weights.bin}), for figures that need the trained network. */
    public void saveWeights(RunSpec spec, INDArray params) {
        try {
            Files.createDirectories(folder(spec));
            saveArray(folder(spec).resolve("weights.bin"), params);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weights of " + spec.label() + " in " + folder(spec), e);
        }
    }

    /** A finished run's stored final weights, if it kept them. */
    public Optional<INDArray> weights(RunSpec spec) {
        return checkpoint(spec, "weights");
    }

    /** Removes the checkpoint once a run is finished: the result is what stays. */
    public void dropCheckpoint(RunSpec spec) {
        try {
            Files.deleteIfExists(folder(spec).resolve("params.bin"));
            Files.deleteIfExists(folder(spec).resolve("updater.bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void saveArray(Path file, INDArray array) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Nd4j.saveBinary(array, tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String hash(RunSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
