package ai.dfalab.report;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as a small, escaped HTML table. */
final class Html {
    private Html() {
    }

    static String table(Table t) {
        StringBuilder s = new StringBuilder("<table><caption>").append(escape(t.name())).append("</caption><thead><tr>");
        for (Column<?> c : t.columns()) {
            s.append("<th>").append(escape(c.name())).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (Row row : t) {
            s.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                s.append("<td>").append(escape(t.column(c).getString(row.getRowNumber()))).append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
