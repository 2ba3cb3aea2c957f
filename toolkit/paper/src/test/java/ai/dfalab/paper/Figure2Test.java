package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.UnifiedFeedback;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class Figure2Test {

    @Test
    void eq8HoldsOnTheRealObject() {
        Table t = Figure2.scaleCheck(new UnifiedFeedback(new int[] {20000, 5000, 800}, 10, 1, true));
        assertEquals(3, t.rowCount());
        assertEquals(
                Math.sqrt(20000.0 / 800), t.doubleColumn("sqrt(l_max / l_i)").get(2), 1e-9);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, t.doubleColumn("measured / expected").get(i), 0.05, "point " + (i + 1));
        }
    }

    @Test
    void theImageShowsTheMatrixAndItsSlices() {
        var image = Figure2.image(new UnifiedFeedback(new int[] {48, 32, 20}, 10, 0, true));
        assertTrue(image.getHeight() >= 48 * 8, "one band of pixels per row of B");
        assertTrue(ai.dfalab.report.Show.png(image).length > 1000);
    }
}
