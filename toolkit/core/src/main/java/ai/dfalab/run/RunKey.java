package ai.dfalab.run;

import ai.dfalab.data.DataFingerprint;
import java.util.Locale;
import java.util.Objects;

/**
 * What a stored result answers for: a run's spec, the data it read ({@link DataFingerprint#digest()}) and the
 * {@link Numerics#VERSION} of the code. A stored run is reused only when all three match; a run of other data or
 * numerics is stored in a folder of its own, beside the older one, never over it.
 */
public record RunKey(RunSpec spec, String data, int numerics) {

    public RunKey {
        Objects.requireNonNull(spec, "spec");
        if (data == null || !data.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("data must be a SHA-256 digest in hex, got '" + data + "'");
        }
    }

    /** The key of {@code spec} run now, on data {@code fingerprint}. */
    public static RunKey of(RunSpec spec, DataFingerprint fingerprint) {
        return new RunKey(spec, fingerprint.digest(), Numerics.VERSION);
    }

    /**
     * The run's folder name: its label made file-safe, the spec's hash, then the data's and numerics' hash, e.g.
     * {@code cifar10-fc3x800-tanh-dfa-...-seed=0-1a2b3c4d-5e6f7a8b}. Runs of one spec share the part before the last
     * hash ({@link #specPrefix()}).
     */
    public String folder() {
        return specPrefix() + Hashes.hex(data + "|" + numerics, 8);
    }

    /** The start of the folder names of every stored run of this spec, whatever its data and numerics. */
    public String specPrefix() {
        String name = spec.label()
                .replace(' ', '-')
                .replaceAll("[^A-Za-z0-9.=,()_+-]", "")
                .replace("(", "")
                .replace(")", "")
                .replace(",", "_")
                .toLowerCase(Locale.ROOT);
        return name + "-" + Hashes.hex(Hashes.json(spec), 8) + "-";
    }
}
