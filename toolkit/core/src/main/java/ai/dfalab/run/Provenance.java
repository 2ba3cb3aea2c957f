package ai.dfalab.run;

import ai.dfalab.backend.Backend;
import ai.dfalab.backend.BlasKernels;
import ai.dfalab.data.DataFingerprint;
import ai.dfalab.data.TrainingData;
import ai.dfalab.train.Learner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a result came from: the toolkit's version and git commit (recorded at build time, "-dirty" with local
 * changes, by the exec plugin in toolkit/core/pom.xml), the numerics version, the data read with every file's checksum, the BLAS, the CPU, threads, Java, date,
 * and the run's wall time so far ({@link RunResult#WALL_SECONDS}).
 */
final class Provenance {
    private static final Properties BUILD = build();

    /** Read once: every stored epoch records it, and the CPU does not change under a process. */
    private static final String CPU = cpu();

    private Provenance() {}

    static Map<String, String> of(Learner learner, TrainingData data, DataFingerprint fingerprint, double wallSeconds) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("toolkit", BUILD.getProperty("version", "unknown"));
        p.put("commit", commit());
        p.put("numerics", String.valueOf(Numerics.VERSION));
        p.put("data", data.describe());
        p.put("data_sha256", fingerprint.digest());
        for (DataFingerprint.FileSum f : fingerprint.files()) {
            p.put("data:" + f.path(), f.bytes() + " bytes, sha256 " + f.sha256());
        }
        p.put("date", Instant.now().toString());
        p.put("java", System.getProperty("java.version"));
        p.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        p.put("blas", blas());
        p.put("cpu", CPU);
        p.put("path", learner.path());
        p.putAll(Backend.settings());
        p.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        p.put(RunResult.WALL_SECONDS, String.format(Locale.ROOT, "%.1f", wallSeconds));
        return p;
    }

    /** The commit the toolkit was built from ("-dirty": with uncommitted changes), if the build saw a checkout. */
    static String commit() {
        return BUILD.getProperty("commit", "unknown");
    }

    private static String blas() {
        String nd4j = nd4jVersion();
        String openblas = org.bytedeco
                .openblas
                .global
                .openblas_nolapack
                .class
                .getPackage()
                .getImplementationVersion();
        return "OpenBLAS " + openblas + " (ND4J " + nd4j + "), OPENBLAS_CORETYPE="
                + Backend.settings().get("OPENBLAS_CORETYPE") + ", " + Backend.blasThreads() + " threads";
    }

    /** ND4J's version from its jar's Maven record (its manifest has none). */
    private static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The CPU model and its widest vector extension, from /proc/cpuinfo (Linux), else the JVM's architecture. */
    private static String cpu() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(info)) {
            String model = lines.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse("");
            Set<String> flags = BlasKernels.cpuFlags();
            String vector = BlasKernels.hasAvx512(flags) ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "no AVX2";
            return model + ", " + vector;
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static Properties build() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: provenance says "unknown"
        }
        return p;
    }
}
