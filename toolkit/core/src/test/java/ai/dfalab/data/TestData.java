package ai.dfalab.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** The real data root for tests: env {@code DFA_DATA}, else {@code DFA_SHARED_DATA} (set by surefire). */
final class TestData {
    private TestData() {}

    /** The folder of {@code set}, or skips the calling test when it is absent. */
    static Path dir(DatasetName set) {
        String root = firstSet(System.getenv(DataLocation.ENV), System.getenv("DFA_SHARED_DATA"));
        assumeTrue(
                root != null && DataLocation.has(Path.of(root), set),
                () -> set + " not found (root: " + root + "); set DFA_DATA or DFA_SHARED_DATA to a folder holding "
                        + set.folder() + "/ to run the real-data tests");
        return Path.of(root).resolve(set.folder());
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
