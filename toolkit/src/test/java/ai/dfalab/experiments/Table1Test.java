package ai.dfalab.experiments;

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
    }

    @Test
    void theObjectsHoldWhatTheFormulaSays() {
        int[] sizes = {400000, 100000, 100000, 16000};   // 24.6 MB and 16 MB: well above the process's own noise
        Table t = Table1.measured(sizes, 10);
        for (int r = 0; r < 2; r++) {
            long reported = t.longColumn("bytes reported").get(r);
            assertEquals(t.longColumn("bytes by the formula").get(r), reported);
            long allocated = t.longColumn("resident memory growth").get(r);
            assertTrue(allocated > 0.9 * reported && allocated < 1.1 * reported,
                    t.stringColumn("implementation").get(r) + ": allocated " + allocated + " for " + reported + " reported");
        }
        assertEquals(4L * 10 * 400000, FeedbackKind.UNIFIED.create(sizes, 10, 0).bytes());
    }
}
