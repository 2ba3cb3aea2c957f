package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.layers.Init;
import ai.dfalab.run.ReferenceRuns;
import ai.dfalab.run.ResultStore;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's results table is transcribed by hand from the committed reference runs; this holds it to them. Each of
 * its "Table 2, ..." and "Table 4, ..." rows names a row of the paper's table (with a variant: the other
 * initialisation than the table's, the head learning by BP), and must give the paper's mean (sd), our mean (with the sd over seeds when
 * there are several) and the best run's cosines, the number of seeds, and the status, as the reference's runs of that
 * row at the paper's settings make them. Every such run in the reference must have its row.
 */
class ReadmeResultsTest {
    private static final String TEXTS_INIT = ", the text's init";
    private static final String CODES_INIT = ", the code's init";
    private static final String HEAD_BY_BP = ", head by BP (the code's)";

    /** The README's label of a row variant, and the change it makes to the row's runs. */
    private static final Map<String, UnaryOperator<RunSpec>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("", s -> s);
        VARIANTS.put(TEXTS_INIT, s -> s.withModel(m -> m.withInit(Init.HE)));
        VARIANTS.put(CODES_INIT, s -> s.withModel(m -> m.withInit(Init.PYTORCH)));
        VARIANTS.put(HEAD_BY_BP, s -> s.withModel(m -> m.withHeadByBp(true)));
    }

    private static Path top;
    private static List<RunResult> reference;
    /** README row label ("Table 2, norm+|x|") to its cells after the label. */
    private static Map<String, List<String>> readme;
    /** The README's Figure 4 table: k to its cells after k. */
    private static Map<Integer, List<String>> figure4;

    @BeforeAll
    static void read() throws IOException {
        top = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(top.resolve("toolkit/core/pom.xml"))) {
            top = top.getParent();
        }
        ResultStore store = new ResultStore(top.resolve(ReferenceRuns.FOLDER));
        reference = new ArrayList<>();
        for (String folder : store.folders("")) {
            if (Files.isDirectory(top.resolve(ReferenceRuns.FOLDER).resolve(folder))) { // not README.md
                store.load(folder).ifPresent(run -> reference.add(run.result()));
            }
        }
        readme = new LinkedHashMap<>();
        figure4 = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(top.resolve("README.md"))) {
            if (line.startsWith("#")) {
                section = line;
            }
            if (section.startsWith("### Figure 4") && line.matches("\\| \\d+ \\|.*")) {
                List<String> cells = cells(line);
                figure4.put(Integer.parseInt(cells.remove(0)), cells);
            }
            if (line.startsWith("| Table 2, ") || line.startsWith("| Table 4, ")) {
                List<String> cells = cells(line);
                readme.put(cells.remove(0), cells);
            }
        }
        assertTrue(readme.size() >= 2, "no Table 2 or Table 4 rows in " + top.resolve("README.md"));
    }

    /** A markdown table line's cells, {@code \\|} read as {@code |}. */
    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1).split("(?<!\\\\)\\|"))
                .map(c -> c.strip().replace("\\|", "|"))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * Figure 4's table: for every k the reference holds at the paper's settings, a row with its test accuracy (the
     * exact first 1,000's), the bottleneck's cosine mean (sd) and the run's wall time in minutes; no row without a run.
     */
    @Test
    void figure4RowsAreTheReferenceRuns() {
        List<String> problems = new ArrayList<>();
        List<RunSpec> specs = Figure4.specs(Scale.PAPER);
        for (int i = 0; i < Figure4.K.length; i++) {
            int k = Figure4.K[i];
            RunSpec spec = specs.get(i);
            RunResult run = reference.stream()
                    .filter(r -> r.spec().equals(spec))
                    .findFirst()
                    .orElse(null);
            List<String> cells = figure4.get(k);
            if (run == null) {
                if (cells != null) {
                    problems.add("Figure 4, k=" + k + ": the README shows a result, the reference holds no run of it");
                }
                continue;
            }
            if (cells == null) {
                problems.add("Figure 4, k=" + k + ": the reference holds its run, the README's table has no row");
                continue;
            }
            String expected = String.format(
                    Locale.ROOT,
                    "%.2f (%.1f) | %.2f (%.2f) | %d min",
                    100 * run.testAccuracy(),
                    100 * run.last().testAccuracyExact(),
                    run.alignment()[0],
                    run.last().alignmentStd()[0],
                    Math.round(Double.parseDouble(run.provenance().get("wall_seconds")) / 60));
            String shown = String.join(" | ", cells.subList(0, 3));
            if (!shown.equals(expected)) {
                problems.add("Figure 4, k=" + k + ": '" + shown + "', the reference gives '" + expected + "'");
            }
        }
        assertTrue(
                problems.isEmpty(), "README.md's Figure 4 table against reference/:\n" + String.join("\n", problems));
    }

    @Test
    void everyRowMatchesTheReferenceRunsItNames() {
        Map<String, PracticeTable> tables = new LinkedHashMap<>();
        tables.put("Table 2", Table2.table());
        tables.put("Table 4", Table4.table());
        Set<String> known = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (var table : tables.entrySet()) {
            Map<String, List<RunSpec>> rows = table.getValue().runs(Scale.PAPER, 10);
            for (PracticeTable.Row row : table.getValue().rows()) {
                for (var variant : VARIANTS.entrySet()) {
                    String label = table.getKey() + ", " + row.name() + variant.getKey();
                    List<RunSpec> specs = rows.get(row.name()).stream()
                            .map(variant.getValue())
                            .toList();
                    if (!variant.getKey().isEmpty() && specs.equals(rows.get(row.name()))) {
                        continue; // the table's own setting (Table 2's init is the code's): the plain row
                    }
                    known.add(label);
                    List<RunResult> runs = reference.stream()
                            .filter(r -> specs.contains(r.spec()))
                            .toList();
                    List<String> cells = readme.get(label);
                    if (runs.isEmpty()) {
                        if (cells != null && !cells.get(2).equals("0")) {
                            problems.add(label + ": the README shows a result, the reference holds no run of it");
                        }
                    } else if (cells == null) {
                        problems.add("the reference holds " + runs.size() + " run(s) of '" + label
                                + "' and the README's results table has no row '| " + label + " | ...'");
                    } else {
                        problems.addAll(mismatches(label, cells, row.paper(), runs));
                    }
                }
            }
        }
        for (var entry : readme.entrySet()) {
            if (!known.contains(entry.getKey()) && !entry.getValue().get(2).equals("0")) {
                problems.add("README row '" + entry.getKey() + "' names no row of the paper's tables (and claims "
                        + entry.getValue().get(2) + " seeds)");
            }
        }
        assertTrue(problems.isEmpty(), "README.md's results table against reference/:\n" + String.join("\n", problems));
    }

    /** What in a row's cells differs from what its runs give. */
    private static List<String> mismatches(
            String label, List<String> cells, PracticeTable.Reference paper, List<RunResult> runs) {
        List<String> problems = new ArrayList<>();
        String paperCell = String.format(Locale.ROOT, "%.2f (%.2f)", paper.test(), paper.testSd());
        if (!cells.get(0).startsWith(paperCell)) {
            problems.add(label + ": paper cell '" + cells.get(0) + "', the paper's table has " + paperCell);
        }
        double[] test = runs.stream()
                .filter(r -> !r.diverged())
                .mapToDouble(r -> 100 * r.testAccuracy())
                .toArray();
        double mean = Stats.mean(test);
        RunResult best = runs.stream()
                .filter(r -> !r.diverged())
                .max(Comparator.comparingDouble(RunResult::testAccuracy))
                .orElseThrow();
        String ours = String.format(Locale.ROOT, "%.2f", mean)
                + (test.length > 1 ? String.format(Locale.ROOT, " (%.2f)", Stats.std(test)) : "")
                + "; cos "
                + Arrays.stream(best.last().alignmentMean())
                        .mapToObj(c -> String.format(Locale.ROOT, "%.2f", c))
                        .collect(Collectors.joining(" "));
        if (!cells.get(1).startsWith(ours)) {
            problems.add(label + ": ours '" + cells.get(1) + "', the reference gives " + ours);
        }
        if (!cells.get(2).equals(String.valueOf(runs.size()))) {
            problems.add(label + ": seeds '" + cells.get(2) + "', the reference holds " + runs.size());
        }
        String status = PracticeTable.status(mean, paper);
        if (!cells.get(3).startsWith(status)) {
            problems.add(label + ": status '" + cells.get(3) + "', the reference gives " + status);
        }
        return problems;
    }
}
