package ai.dfalab.report;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A Tablesaw table as a small, escaped HTML table: numbers right-aligned in their columns' print formats (where a
 * column has none: two decimals, or three significant digits in a column whose values all lie below 0.01), missing
 * values as a dash, and columns
 * named {@code Δ ...} (ours minus the paper's) signed and tinted by size, so a difference is seen at a glance.
 */
public final class Html {
    /** Tints of a difference: within this many units it is green, within the next amber, beyond it red. */
    private static final double CLOSE = 1.5;

    private static final double FAR = 5;
    /** What Tablesaw prints a double column with when nobody chose a format. */
    private static final NumberColumnFormatter DEFAULT_FORMAT = NumberColumnFormatter.floatingPointDefault();

    static {
        DEFAULT_FORMAT.setColumnType(ColumnType.DOUBLE);
    }

    private Html() {}

    static String table(Table t) {
        StringBuilder s = new StringBuilder("<table><caption style=\"text-align:left\">")
                .append(escape(t.name()))
                .append("</caption><thead><tr>");
        for (Column<?> c : t.columns()) {
            s.append("<th>").append(escape(c.name())).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (int row = 0; row < t.rowCount(); row++) {
            s.append("<tr>");
            for (Column<?> c : t.columns()) {
                s.append(cell(c, row));
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    private static String cell(Column<?> c, int row) {
        if (!(c instanceof NumericColumn<?> n)) {
            return "<td>" + escape(c.getString(row)) + "</td>";
        }
        if (c.isMissing(row)) {
            return "<td style=\"text-align:right\">–</td>";
        }
        String text = c.getString(row);
        boolean unformatted =
                text.equals(n.getUnformattedString(row)) || text.equals(DEFAULT_FORMAT.format(n.getDouble(row)));
        if (unformatted && !(c instanceof IntColumn) && !(c instanceof LongColumn)) {
            text = rounded(n, row);
        }
        if (!c.name().startsWith("Δ")) {
            return "<td style=\"text-align:right\">" + escape(text) + "</td>";
        }
        double v = n.getDouble(row);
        String colour = Math.abs(v) <= CLOSE ? "#d8f0d8" : Math.abs(v) <= FAR ? "#f7ebc6" : "#f4cccc";
        return "<td style=\"text-align:right;background-color:" + colour + "\">" + (v > 0 ? "+" : "") + escape(text)
                + "</td>";
    }

    private static String rounded(NumericColumn<?> c, int row) {
        boolean tiny = c.max() < 0.01 && c.min() > -0.01 && c.max() != c.min();
        return String.format(java.util.Locale.ROOT, tiny ? "%.3g" : "%.2f", c.getDouble(row));
    }

    /** {@code text} safe inside HTML. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A 360-pixel progress bar filled to {@code fraction} (0 to 1), as the notebooks' live displays draw it. */
    public static String progressBar(double fraction) {
        return String.format(
                java.util.Locale.ROOT,
                "<div style=\"background-color:#e6e6e6;width:360px;height:8px\">"
                        + "<div style=\"background-color:#4a86c8;width:%.1f%%;height:8px\"></div></div>",
                100 * fraction);
    }
}
