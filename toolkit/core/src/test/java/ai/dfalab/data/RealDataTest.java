package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealDataTest {
    private static final String MISSING = "real MNIST not found: /nowhere/mnist is missing or incomplete";

    @Test
    void missingUnderCiFailsWithTheMessage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RealData.require(false, MISSING, true));
        assertEquals("CI=true, and " + MISSING, e.getMessage());
    }

    @Test
    void missingElsewhereSkipsWithTheMessage() {
        TestAbortedException e =
                assertThrows(TestAbortedException.class, () -> RealData.require(false, MISSING, false));
        assertEquals(MISSING, e.getMessage());
    }

    @Test
    void presentRunsEverywhere() {
        assertDoesNotThrow(() -> RealData.require(true, MISSING, true));
        assertDoesNotThrow(() -> RealData.require(true, MISSING, false));
    }
}
