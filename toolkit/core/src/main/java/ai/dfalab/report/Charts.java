package ai.dfalab.report;

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
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(420)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(4);
        series.forEach((name, y) -> {
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            chart.addSeries(name, x, y).setMarker(y.length > 20 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        });
        return chart;
    }
}
