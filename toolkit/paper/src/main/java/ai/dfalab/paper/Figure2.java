package ai.dfalab.paper;

import ai.dfalab.feedback.UnifiedFeedback;
import ai.dfalab.report.MatrixImage;
import java.awt.image.BufferedImage;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Figure 2 of the paper, drawn from the real object: the unified matrix and the slice each feedback point takes. */
public final class Figure2 {
    private Figure2() {}

    /** The stored matrix {@code B} with each point's first {@code l_i} rows outlined. */
    public static BufferedImage image(UnifiedFeedback feedback) {
        int[] rows = new int[feedback.points()];
        String[] labels = new String[feedback.points()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = feedback.size(i);
            labels[i] = String.format(
                    java.util.Locale.ROOT, "B_%d = %.2f x B[0:%d, :]", i + 1, feedback.sliceScale(i), rows[i]);
        }
        return MatrixImage.draw(feedback.unified(), 24, 8, rows, labels);
    }

    /**
     * Eq. 8 checked on the object: per point, the slice's scale factor {@code sqrt(l_max / l_i)}, the entry std
     * eq. 7-8 promise ({@code 1 / sqrt(l_i e)}), the std measured on {@code B_i}, and their ratio.
     */
    public static Table scaleCheck(UnifiedFeedback feedback) {
        int n = feedback.points();
        int[] sizes = new int[n];
        double[] factor = new double[n];
        double[] expected = new double[n];
        double[] measured = new double[n];
        double[] ratio = new double[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = feedback.size(i);
            factor[i] = feedback.sliceScale(i);
            expected[i] = 1 / Math.sqrt((double) sizes[i] * feedback.errorSize());
            measured[i] = feedback.matrix(i).stdNumber().doubleValue();
            ratio[i] = measured[i] / expected[i];
        }
        return Table.create(
                "Eq. 8 on the unified matrix (e = " + feedback.errorSize() + ")",
                IntColumn.create(
                        "point", java.util.stream.IntStream.rangeClosed(1, n).toArray()),
                IntColumn.create("l_i", sizes),
                DoubleColumn.create("sqrt(l_max / l_i)", factor),
                DoubleColumn.create("expected std 1/sqrt(l_i e)", expected),
                DoubleColumn.create("measured std", measured),
                DoubleColumn.create("measured / expected", ratio));
    }
}
