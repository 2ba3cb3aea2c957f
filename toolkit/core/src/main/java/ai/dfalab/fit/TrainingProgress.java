package ai.dfalab.fit;

import ai.dfalab.report.Html;
import ai.dfalab.report.Show;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a {@link DfaTrainer} shows while it trains: a line per epoch (epoch, mean loss, steps/s) and, in a notebook,
 * one display updated in place at most once a second (epoch, step, loss, speed); the epoch lines then go to the
 * kernel process's terminal, so the cell's output does not grow.
 */
final class TrainingProgress {
    private static final long UPDATE_INTERVAL_NANOS = 1_000_000_000L;

    private final String label;
    private final int epochs;
    private final PrintStream lines; // null: quiet
    private final boolean live;
    private Show.Live display;
    private final StringBuilder epochRows = new StringBuilder();
    private int stepsPerEpoch = -1;
    private int step;
    private double lossSum;
    private long epochStart;
    private long lastUpdate;

    /** {@code log}: where the epoch lines go outside a notebook; {@code quiet}: none of it. */
    static TrainingProgress create(String label, int epochs, PrintStream log, boolean quiet) {
        if (quiet) {
            return new TrainingProgress(label, epochs, null, false);
        }
        boolean rich = Show.rich();
        PrintStream lines =
                rich ? new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8) : log;
        return new TrainingProgress(label, epochs, lines, rich);
    }

    private TrainingProgress(String label, int epochs, PrintStream lines, boolean live) {
        this.label = label;
        this.epochs = epochs;
        this.lines = lines;
        this.live = live;
    }

    void epochStarted(int epoch) {
        step = 0;
        lossSum = 0;
        epochStart = System.nanoTime();
        if (live && display == null) {
            display = Show.live(html(epoch, "starting"), label);
        }
    }

    void stepDone(int epoch, double loss) {
        step++;
        lossSum += loss;
        long now = System.nanoTime();
        if (live && now - lastUpdate >= UPDATE_INTERVAL_NANOS) {
            lastUpdate = now;
            String of = stepsPerEpoch > 0 ? "/" + stepsPerEpoch : "";
            String status = String.format(
                    Locale.ROOT,
                    "epoch %d/%d, step %d%s, loss %.4f, %.1f steps/s",
                    epoch + 1,
                    epochs,
                    step,
                    of,
                    lossSum / step,
                    step / seconds(now));
            display.update(html(epoch, status), label + ": " + status);
        }
    }

    void epochDone(int epoch) {
        double seconds = seconds(System.nanoTime());
        stepsPerEpoch = step;
        String line = String.format(
                Locale.ROOT,
                "epoch %d/%d: loss %.4f, %d steps in %.1f s (%.1f steps/s)",
                epoch + 1,
                epochs,
                step == 0 ? Double.NaN : lossSum / step,
                step,
                seconds,
                step / seconds);
        if (lines != null) {
            lines.println(label + " " + line);
        }
        if (live) {
            epochRows.append("<div>").append(line).append("</div>");
            String status = epoch + 1 == epochs ? "finished" : "epoch " + (epoch + 1) + " done";
            display.update(html(epoch + 1, status), label + ": " + line);
        }
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - epochStart) / 1e9);
    }

    private String html(int epochsDone, String status) {
        double done = Math.min(1, (double) epochsDone / epochs);
        return "<div><b>" + Html.escape(label) + "</b>: " + Html.escape(status) + "</div>" + Html.progressBar(done)
                + epochRows;
    }
}
