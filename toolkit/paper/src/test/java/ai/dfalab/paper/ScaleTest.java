package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DFA_SEEDS (here its property, -Ddfa.seeds) sets the seeds per row of every scale and of Table 4. */
class ScaleTest {
    @BeforeEach
    void noSeedsFromTheEnvironment() {
        assumeTrue(System.getenv("DFA_SEEDS") == null, "DFA_SEEDS is set in this environment");
    }

    @AfterEach
    void clear() {
        System.clearProperty("dfa.seeds");
    }

    @Test
    void eachScaleHasItsOwnSeedsUnlessChosen() {
        assertEquals(10, Scale.PAPER.seeds());
        assertEquals(10, Table4.seeds(Scale.PAPER));
        assertEquals(1, Table4.seeds(Scale.QUICK));
        System.setProperty("dfa.seeds", "1");
        assertEquals(1, Scale.PAPER.seeds());
        assertEquals(1, Table4.seeds(Scale.PAPER));
        assertTrue(
                Table2.table().runs(Scale.PAPER).values().stream().allMatch(specs -> specs.size() == 1),
                "one run per row");
        assertTrue(
                Scale.PAPER.describe().startsWith("paper scale: 1 seed (DFA_SEEDS; the scale's own: 10) x 50"),
                Scale.PAPER.describe());
        System.setProperty("dfa.seeds", "3");
        assertEquals(3, Scale.QUICK.seeds());
        assertTrue(Scale.PAPER.describe(1).startsWith("paper scale: 1 seed (the scale's own: 10) x 50"));
        assertTrue(Scale.PAPER.describe(10).startsWith("paper scale: 10 seeds x 50"));
    }

    @Test
    void badSeedsAreAnErrorNamingTheSetting() {
        for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
            System.setProperty("dfa.seeds", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Scale.PAPER::seeds);
            assertEquals("-Ddfa.seeds='" + bad + "': expected a whole number of seeds, at least 1", e.getMessage());
        }
    }
}
