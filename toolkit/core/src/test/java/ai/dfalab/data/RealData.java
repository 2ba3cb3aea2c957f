package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a test needs from outside the checkout (the real data sets, a tool), found as the command line finds it:
 * {@code DFA_DATA}, else {@code ~/dfa-data} ({@link DataLocation#root()}). Missing, the test is skipped with a
 * message naming what is missing and where; under {@code CI=true} it fails with that message instead, so that CI
 * never passes by skipping, for the data sets CI has ({@link #CI_DATA}). Every test's skip goes through here
 * (modules beside core use core's test jar).
 */
public final class RealData {
    /**
     * The data sets CI's data folder holds (shared/data, see .ci/run): MNIST and CIFAR-10. CIFAR-100's and
     * ImageNet's tests are skipped wherever those are absent, CI included (the skip total shows them).
     */
    static final Set<DatasetName> CI_DATA = EnumSet.of(DatasetName.MNIST, DatasetName.CIFAR10);

    private RealData() {}

    /** The folder of {@code set} under the data root, or the test is skipped (CI: fails) naming the missing folder. */
    public static Path dir(DatasetName set) {
        Path root = DataLocation.root();
        String missing =
                "real " + set + " not found: " + root.resolve(set.folder()) + " is missing or incomplete (data root "
                        + root + ": set " + DataLocation.ENV + " or fill " + DataLocation.DEFAULT_ROOT + ")";
        if (CI_DATA.contains(set)) {
            require(DataLocation.has(root, set), missing);
        } else if (!DataLocation.has(root, set)) {
            abort(missing + "; not one of CI's data sets " + CI_DATA);
        }
        return root.resolve(set.folder());
    }

    /** Skips the test (CI: fails it) with {@code missing} unless {@code present}. */
    public static void require(boolean present, String missing) {
        require(present, missing, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void require(boolean present, String missing, boolean ci) {
        if (present) {
            return;
        }
        if (ci) {
            fail("CI=true, and " + missing);
        }
        abort(missing);
    }
}
