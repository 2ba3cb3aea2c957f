package ai.dfalab.probe;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Alignment at every feedback point of a network for one batch, from the input side. */
public record Alignment(List<PointAlignment> points) {

    public Alignment {
        points = List.copyOf(points);
    }

    /** Mean cosine per point, in order. */
    public double[] means() {
        return points.stream().mapToDouble(PointAlignment::mean).toArray();
    }

    /** Standard deviation of the cosine over the batch, per point. */
    public double[] stds() {
        return points.stream().mapToDouble(PointAlignment::std).toArray();
    }

    /** One row per feedback point: point, size, mean, std. */
    public Table table() {
        return Table.create(
                "alignment",
                IntColumn.create(
                        "point", points.stream().mapToInt(p -> p.point() + 1).toArray()),
                IntColumn.create(
                        "size", points.stream().mapToInt(PointAlignment::size).toArray()),
                DoubleColumn.create("cos_mean", means()),
                DoubleColumn.create("cos_std", stds()));
    }
}
