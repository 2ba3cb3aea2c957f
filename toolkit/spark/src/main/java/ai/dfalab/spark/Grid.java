package ai.dfalab.spark;

import ai.dfalab.choice.Choice;
import ai.dfalab.paper.Figure4;
import ai.dfalab.paper.Scale;
import ai.dfalab.paper.Table2;
import ai.dfalab.paper.Table4;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/** The paper's grids a sweep can run: Table 2, Table 4, Figure 4; their runs, and the table their results make. */
public enum Grid implements Choice {
    TABLE2("2"),
    TABLE4("4"),
    FIGURE4("figure4");

    private final String id;

    Grid(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** By id ({@code 2}, {@code 4}, {@code figure4}), in any case. */
    public static Grid parse(String id) {
        return Choice.parse(Grid.class, "grid", id);
    }

    /** The grid's runs at {@code scale}, by row (Figure 4: one row per k); {@code seeds} per row (0: the scale's). */
    public Map<String, List<RunSpec>> runs(Scale scale, int seeds) {
        return switch (this) {
            case TABLE2 ->
                seeds == 0 ? Table2.table().runs(scale) : Table2.table().runs(scale, seeds);
            case TABLE4 ->
                seeds == 0 ? Table4.table().runs(scale) : Table4.table().runs(scale, seeds);
            case FIGURE4 -> {
                if (seeds > 1) {
                    throw new IllegalArgumentException("figure4 runs seed 0 only, as the paper; got --seeds " + seeds);
                }
                Map<String, List<RunSpec>> byK = new LinkedHashMap<>();
                List<RunSpec> specs = Figure4.specs(scale);
                for (int i = 0; i < specs.size(); i++) {
                    byK.put("k=" + Figure4.K[i], List.of(specs.get(i)));
                }
                yield byK;
            }
        };
    }

    /** The table of results, rows as {@link #runs} gave them. */
    public Table table(Map<String, List<RunResult>> results) {
        return switch (this) {
            case TABLE2 -> Table2.table().compare(results);
            case TABLE4 -> Table4.table().compare(results);
            case FIGURE4 -> {
                List<RunResult> inOrder = new ArrayList<>();
                results.values().forEach(r -> inOrder.add(r.get(0)));
                yield Figure4.table(Figure4.byK(inOrder));
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every run of {@code groups}, in order. */
    static List<RunSpec> flatten(Map<String, List<RunSpec>> groups) {
        return groups.values().stream().flatMap(List::stream).toList();
    }

    /** {@code results} (in the order of {@link #flatten}) back into the groups' shape. */
    static Map<String, List<RunResult>> regroup(Map<String, List<RunSpec>> groups, List<RunResult> results) {
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        int next = 0;
        for (Map.Entry<String, List<RunSpec>> g : groups.entrySet()) {
            out.put(g.getKey(), results.subList(next, next + g.getValue().size()));
            next += g.getValue().size();
        }
        return out;
    }
}
