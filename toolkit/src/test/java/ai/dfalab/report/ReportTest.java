package ai.dfalab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReportTest {
    @TempDir
    Path dir;

    private static Table sample() {
        return Table.create("a <b> & c", StringColumn.create("row", "x<y", "z"), DoubleColumn.create("v", 1.5, 2.25));
    }

    @Test
    void outsideAKernelShowPrintsTheTextFallback() {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer));
        try {
            Show.table(sample());
        } finally {
            System.setOut(old);
        }
        String printed = buffer.toString();
        assertTrue(printed.contains("2.25") && printed.contains("x<y"), printed);
    }

    @Test
    void htmlIsEscaped() {
        String html = Html.table(sample());
        assertTrue(html.contains("<caption>a &lt;b&gt; &amp; c</caption>"), html);
        assertTrue(html.contains("<td>x&lt;y</td><td>1.5</td>"), html);
    }

    @Test
    void tablesAndFiguresAreWrittenAsCsvPngAndSvg() throws Exception {
        Path csv = Save.csv(sample(), dir, "t");
        assertEquals("row,v", Files.readAllLines(csv).get(0));
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("a", new double[] {0.1, 0.2, 0.4});
        Path png = Save.figure(Charts.perEpoch("title", "y", series), dir, "f");
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        assertTrue(Files.readString(dir.resolve("f.svg")).contains("<svg"));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().contains(".tmp")), "no temporary file left");
        }
    }
}
