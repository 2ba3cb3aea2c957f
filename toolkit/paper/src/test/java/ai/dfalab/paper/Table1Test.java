package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.models.Vgg16;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class Table1Test {

    @Test
    void vgg16FeedbackSizesGiveThePapersMemory() {
        int[] sizes = Vgg16.feedbackSizes(224);
        assertEquals(15, sizes.length, "13 convolutions and 2 hidden fully-connected layers");
        assertEquals(13_555_712L, Arrays.stream(sizes).asLongStream().sum());
        assertEquals(64 * 224 * 224, Arrays.stream(sizes).max().orElseThrow());
        Table t = Table1.vgg16(1000);
        assertEquals(54.2, t.doubleColumn("GB (ours)").get(0), 0.05);
        assertEquals(12.8, t.doubleColumn("GB (ours)").get(1), 0.05);
        assertEquals(4L * 16 * 1000, t.longColumn("bytes").get(2), "seeded: one 16-row block of e = 1000");
        assertEquals(0, t.longColumn("bytes").get(3), "structured: nothing held");
        assertTrue(t.doubleColumn("GB (paper)").isMissing(2), "no paper figure for the new kinds");
        assertTrue(ai.dfalab.report.Show.png(Table1.chart(1000)).length > 1000, "the log-scale bar chart renders");
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "dfa-table1-test");
        assertTrue(java.nio.file.Files.exists(ai.dfalab.report.Save.figure(Table1.chart(1000), dir, "chart")));
    }

    @Test
    void theObjectsHoldWhatTheFormulaSays() {
        int[] sizes = {20000, 5000, 5000, 800};
        Table t = Table1.measured(sizes, 10);
        assertEquals(4, t.rowCount());
        for (int r = 0; r < 4; r++) {
            long reported = t.longColumn("bytes reported").get(r);
            assertEquals(t.longColumn("bytes by the formula").get(r), reported);
            assertEquals(
                    reported,
                    t.longColumn("bytes in ND4J buffers").get(r),
                    t.stringColumn("implementation").get(r) + ": the unified matrix's slices are views, not copies");
        }
        assertEquals(4L * 10 * 20000, FeedbackKind.UNIFIED.create(sizes, 10, 0).bytes());
        assertEquals(4L * 10 * 1638, t.longColumn("bytes in ND4J buffers").get(2), "seeded holds one block of rows");
    }
}
