package ai.dfalab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The toolkit's figures as XChart charts (show with {@link Show#chart}, save with {@link Save#figure}). */
public final class Charts {
    private Charts() {}

    /** One line per named series against epochs 1..n. */
    public static XYChart perEpoch(String title, String yLabel, Map<String, double[]> series) {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        series.forEach((name, y) -> {
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            xy.put(name, new double[][] {x, y});
        });
        return lines(title, "epoch", yLabel, xy);
    }

    /** One line per named series, each given as {@code {x, y}}. */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(420)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(4);
        List<String> empty = new ArrayList<>();
        series.forEach((name, xy) -> {
            if (xy[0].length == 0) {
                empty.add(name); // e.g. a run that diverged in its first epoch: said in the title, not dropped
            } else {
                chart.addSeries(name, xy[0], xy[1])
                        .setMarker(xy[0].length > 20 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        });
        if (!empty.isEmpty()) {
            chart.setTitle(title + " (no data: " + String.join(", ", empty) + ")");
        }
        return chart;
    }
}
