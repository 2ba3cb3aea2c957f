package ai.dfalab.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Which OpenBLAS kernels the products run on, and whether this CPU has faster ones. {@code OPENBLAS_CORETYPE} is read
 * when the native library loads, so only the person who starts Java can change it: this names it, never sets it.
 * ND4J 1.0.0-M2.1's OpenBLAS 0.3.19 predates AMD's Zen 4 and 5; left to choose, it falls back to slow generic kernels
 * there, and the common preset {@code Haswell} runs AVX2 kernels on CPUs that have AVX-512 (docs/speed.md).
 */
public final class BlasKernels {
    /** OpenBLAS core types whose kernels use AVX-512. */
    private static final Set<String> AVX512_CORES = Set.of("SKYLAKEX", "COOPERLAKE", "SAPPHIRERAPIDS");

    /** The AVX-512 extensions OpenBLAS's SkylakeX kernels use. */
    private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private static final AtomicBoolean ADVISED = new AtomicBoolean();

    /** Read once: the CPU does not change under a process. */
    private static final Set<String> FLAGS = readFlags();

    private BlasKernels() {}

    /** The CPU's feature flags (the first processor's, from /proc/cpuinfo), empty where unreadable (not Linux). */
    public static Set<String> cpuFlags() {
        return FLAGS;
    }

    private static Set<String> readFlags() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).strip().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Whether a CPU with {@code flags} runs OpenBLAS's AVX-512 (SkylakeX) kernels. */
    public static boolean hasAvx512(Set<String> flags) {
        return flags.containsAll(AVX512_FLAGS);
    }

    /**
     * What to tell a person whose CPU has {@code flags} and whose {@code OPENBLAS_CORETYPE} is {@code coreType}
     * (null: unset): nothing when the kernels already use AVX-512 or the CPU has none, else which setting to try.
     */
    static Optional<String> advice(Set<String> flags, String coreType) {
        if (!hasAvx512(flags)
                || coreType != null && AVX512_CORES.contains(coreType.strip().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String now = coreType == null
                ? "OPENBLAS_CORETYPE is unset, so OpenBLAS 0.3.19 picks its kernels and may not know this CPU (on AMD"
                        + " Zen 5 it picked slow generic ones: 2.5x slower than Haswell's)"
                : "OPENBLAS_CORETYPE=" + coreType + " runs AVX2 kernels (or older) on a CPU with AVX-512";
        return Optional.of("BLAS kernels: " + now
                + ". OPENBLAS_CORETYPE=SKYLAKEX, set before Java starts, uses AVX-512:"
                + " training steps ran " + MEASURED + " faster with it on our AVX-512 machines (docs/speed.md, \"BLAS"
                + " kernels\").");
    }

    /** As measured in docs/speed.md: the engine's training steps with SkylakeX kernels against Haswell's. */
    static final String MEASURED = "1.2-1.5x";

    /** {@link #advice} for this process's CPU and environment, the first time it is asked only (else empty). */
    public static Optional<String> adviceOnce() {
        if (!Backend.cpu() || ADVISED.getAndSet(true)) {
            return Optional.empty();
        }
        return advice(cpuFlags(), System.getenv("OPENBLAS_CORETYPE"));
    }
}
