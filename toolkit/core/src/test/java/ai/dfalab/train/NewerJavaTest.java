package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.RealData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine on a Java whose incubating Vector API reads memory through MemorySegments (20 and later), not the
 * ByteBuffers of the Java 17 the toolkit is built for: the same steps, to the bit, long enough for the optimising JIT
 * to compile the kernels (a null vector once crashed Java 25's in a notebook). The newer Java is {@code
 * DFA_NEWER_JAVA} (a {@code java} binary), else the newest of 22 or later under {@code /usr/lib/jvm}; none: skipped
 * (CI: fails, its machines have one).
 */
class NewerJavaTest {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dfa", "bp"})
    void engineStepsOnANewerJavaAreTheSameToTheBit(String rule) throws IOException, InterruptedException {
        Optional<Path> java = newerJava();
        RealData.require(
                java.isPresent(),
                "no Java 22 or later: set DFA_NEWER_JAVA to its java, or install one in /usr/lib/jvm");
        Path saved = dir.resolve(rule + ".bin");
        Process child = new ProcessBuilder(
                        java.get().toString(),
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-XX:CompileThresholdScaling=0.01", // compiled kernels within the steps: Java 25's C2 once
                        // crashed
                        "-cp",
                        System.getProperty("java.class.path"),
                        NewerJavaChild.class.getName(),
                        rule,
                        saved.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), java.get() + ": " + output);
        INDArray there = Nd4j.readBinary(saved.toFile());
        INDArray here = NewerJavaChild.train(rule);
        assertEquals(here, there, Runtime.version() + " against " + java.get() + ": " + output);
    }

    private static Optional<Path> newerJava() throws IOException {
        String configured = System.getenv("DFA_NEWER_JAVA");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> version(h) >= 22 && Files.isExecutable(h.resolve("bin/java")))
                    .max(Comparator.comparingInt(NewerJavaTest::version))
                    .map(h -> h.resolve("bin/java"));
        }
    }

    /** The major version in a JDK's {@code release} file; 0 when it has none. */
    private static int version(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
