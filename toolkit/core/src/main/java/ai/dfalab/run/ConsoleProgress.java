package ai.dfalab.run;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Prints a line per epoch (accuracy, alignment, speed), and a line every {@code intervalSeconds} within long epochs.
 * Runs going on side by side (a {@link Sweep}) each tag their lines with their run's label.
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final double intervalSeconds;
    private final ThreadLocal<RunSpec> run = new ThreadLocal<>();
    private final ThreadLocal<Long> lastLine = ThreadLocal.withInitial(System::nanoTime);
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    public ConsoleProgress(PrintStream out, double intervalSeconds) {
        this.out = out;
        this.intervalSeconds = intervalSeconds;
    }

    public ConsoleProgress() {
        this(System.out, 20);
    }

    @Override
    public void started(RunSpec spec, int firstEpoch, String path) {
        run.set(spec);
        running.add(Thread.currentThread());
        out.println("run: " + spec.label() + (firstEpoch > 0 ? " (resumed at epoch " + (firstEpoch + 1) + ")" : "")
                + " [" + path + "]");
        lastLine.set(System.nanoTime());
    }

    @Override
    public void steps(int epoch, int done, int total, double stepsPerSecond) {
        if ((System.nanoTime() - lastLine.get()) / 1e9 >= intervalSeconds) {
            out.println(tag()
                    + String.format(
                            Locale.ROOT,
                            "  epoch %d: %d/%d steps, %.1f steps/s",
                            epoch + 1,
                            done,
                            total,
                            stepsPerSecond));
            lastLine.set(System.nanoTime());
        }
    }

    @Override
    public void epoch(RunSpec spec, EpochMetrics m) {
        // one write per line: notebook kernels turn every write into a separate output chunk
        out.println(tag()
                + String.format(
                        Locale.ROOT,
                        "  epoch %2d/%d  loss %.3f  train %.2f%%  test %.2f%%%s  align [%s]  %.1f steps/s  %.1f s",
                        m.epoch() + 1,
                        spec.epochs(),
                        m.trainLoss(),
                        100 * m.trainAccuracy(),
                        100 * m.testAccuracy(),
                        Double.isNaN(m.testAccuracyExact())
                                ? ""
                                : String.format(Locale.ROOT, " (exact 1k: %.2f%%)", 100 * m.testAccuracyExact()),
                        alignment(m),
                        m.stepsPerSecond(),
                        m.seconds()));
        lastLine.set(System.nanoTime());
        if (m.epoch() + 1 == spec.epochs()) {
            running.remove(Thread.currentThread());
        }
    }

    /** Mean alignment per feedback point, two decimals each. */
    static String alignment(EpochMetrics m) {
        return Arrays.stream(m.alignmentMean())
                .mapToObj(a -> String.format(Locale.ROOT, "%.2f", a))
                .collect(Collectors.joining(" "));
    }

    /** The run's label while other runs print too, else nothing. */
    private String tag() {
        RunSpec spec = run.get();
        return running.size() > 1 && spec != null ? "[" + spec.label() + "]" : "";
    }

    @Override
    public void reused(RunResult result) {
        String what = result.fromReference() ? "reused reference run: " : "reused stored run: ";
        out.println(what
                + (result.diverged()
                        ? result.spec().label() + "  " + result.describe()
                        : String.format(
                                Locale.ROOT, "%s  test %.2f%%", result.spec().label(), 100 * result.testAccuracy()))
                + (result.fromReference() ? "  (" + result.provenance().get(RunResult.REFERENCE) + ")" : ""));
    }

    @Override
    public void diverged(RunResult result) {
        out.println(tag() + "  " + result.describe() + " (stored as diverged)");
        running.remove(Thread.currentThread());
    }

    @Override
    public void waiting(RunSpec spec, String message) {
        out.println(message);
    }

    @Override
    public void note(RunSpec spec, String message) {
        out.println("run " + spec.label() + ": " + message);
    }

    @Override
    public void advice(String message) {
        out.println(message);
    }
}
