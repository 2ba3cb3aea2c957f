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
        assertTrue(html.contains("a &lt;b&gt; &amp; c</caption>"), html);
        assertTrue(html.contains("<td>x&lt;y</td><td style=\"text-align:right\">1.50</td>"), html);
    }

    @Test
    void numbersAreRoundedAndDifferencesWithThePaperSignedAndTinted() {
        Table t = Table.create(
                "t",
                DoubleColumn.create("cos", 0.791234567, -0.00377),
                DoubleColumn.create("scale", 1.2345e-4, 2e-5),
                DoubleColumn.create("Δ test", 0.4, -7.25));
        String html = Html.table(t);
        assertTrue(html.contains(">0.79</td>") && html.contains(">-0.00</td>"), html);
        assertTrue(html.contains(">0.000123</td>") && html.contains(">2.00e-05</td>"), html);
        assertTrue(html.contains("background-color:#d8f0d8\">+0.40</td>"), html);
        assertTrue(html.contains("background-color:#f4cccc\">-7.25</td>"), html);
        assertFalse(html.contains("NaN"), html);
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
