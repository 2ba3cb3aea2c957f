package ai.dfalab.paper;

import ai.dfalab.run.RunResult;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a notebook's runs were, from their provenance: for the project's reference runs and for the user's own, how
 * many ran, which seeds and how many epochs, on what machine (CPU, cores, BLAS), from which toolkit commit and data,
 * and how long they took (their measured wall time, summed).
 */
public final class RunsSummary {
    static final String REFERENCE = "the project's reference";
    static final String YOURS = "yours";

    private RunsSummary() {}

    /** One row per source (the project's reference, yours) of the runs in {@code groups} (a table's rows). */
    public static Table of(Map<String, List<RunResult>> groups) {
        return of(groups.values().stream().flatMap(Collection::stream).toList());
    }

    /** One row per source (the project's reference, yours) of {@code runs}. */
    public static Table of(List<RunResult> runs) {
        StringColumn source = StringColumn.create("runs from");
        IntColumn count = IntColumn.create("runs");
        StringColumn seeds = StringColumn.create("seeds");
        StringColumn epochs = StringColumn.create("epochs");
        StringColumn machine = StringColumn.create("CPU, cores");
        StringColumn blas = StringColumn.create("BLAS");
        StringColumn commit = StringColumn.create("toolkit commit");
        StringColumn data = StringColumn.create("data sha256");
        StringColumn wall = StringColumn.create("wall time");
        for (boolean reference : new boolean[] {true, false}) {
            List<RunResult> these =
                    runs.stream().filter(r -> r.fromReference() == reference).toList();
            if (these.isEmpty()) {
                continue;
            }
            source.append(reference ? REFERENCE : YOURS);
            count.append(these.size());
            seeds.append(
                    ranges(these.stream().map(r -> r.spec().seed()).collect(Collectors.toCollection(TreeSet::new))));
            epochs.append(distinct(these, r -> String.valueOf(r.spec().epochs())));
            machine.append(distinct(these, r -> provenance(r, "cpu") + ", " + provenance(r, "cores") + " cores"));
            blas.append(distinct(these, r -> provenance(r, "blas")));
            commit.append(distinct(these, r -> provenance(r, "commit")));
            data.append(distinct(these, r -> shortSum(provenance(r, "data_sha256"))));
            wall.append(wallTime(these));
        }
        return Table.create("The runs shown: where they come from, on what, how long they took")
                .addColumns(source, count, seeds, epochs, machine, blas, commit, data, wall);
    }

    /** The sum of the runs' wall times, h:mm:ss, saying how many runs did not record theirs. */
    static String wallTime(List<RunResult> runs) {
        double[] recorded = runs.stream()
                .mapToDouble(RunResult::wallSeconds)
                .filter(s -> !Double.isNaN(s))
                .toArray();
        long s = Math.round(Arrays.stream(recorded).sum());
        String sum = String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        int missing = runs.size() - recorded.length;
        return missing == 0 ? sum : sum + " (" + missing + " of " + runs.size() + " runs unrecorded)";
    }

    /** Seeds as ranges: {@code 0-9}, {@code 0-2, 5}. */
    static String ranges(TreeSet<Long> seeds) {
        StringBuilder out = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (long seed : seeds) {
            if (previous != null && seed != previous + 1) {
                append(out, start, previous);
                start = null;
            }
            start = start == null ? seed : start;
            previous = seed;
        }
        if (start != null) {
            append(out, start, previous);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long from, long to) {
        out.append(out.length() == 0 ? "" : ", ").append(from == to ? from : from + "-" + to);
    }

    /** The distinct values of {@code value} over {@code runs}, in order of first appearance, joined by "; ". */
    private static String distinct(List<RunResult> runs, Function<RunResult, String> value) {
        return runs.stream().map(value).distinct().collect(Collectors.joining("; "));
    }

    private static String provenance(RunResult run, String key) {
        return run.provenance().getOrDefault(key, "unknown");
    }

    private static String shortSum(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}
