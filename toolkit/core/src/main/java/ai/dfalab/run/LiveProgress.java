package ai.dfalab.run;

import ai.dfalab.report.Html;
import ai.dfalab.report.Show;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress in a notebook: one display per run, updated in place (epoch, step, speed, time left, a line per finished
 * epoch), and one display counting the stored runs reused; nothing appended to the cell's output. Each epoch's line
 * also goes to {@code lines} (the kernel process's terminal, see {@link Progress#auto()}).
 */
public final class LiveProgress implements Progress {
    /** Step updates at most this often: each one is a message to the front end. */
    private static final long STEP_INTERVAL_NANOS = 1_000_000_000L;

    private final Progress lines;
    private final ThreadLocal<Run> current = new ThreadLocal<>();
    private final Map<Thread, Run> running = new ConcurrentHashMap<>();
    private Show.Live reusedDisplay;
    private int reused;
    private int fromReference;

    public LiveProgress(Progress lines) {
        this.lines = lines;
    }

    /** One run's display and what it shows. */
    private static final class Run {
        final RunSpec spec;
        final Show.Live display;
        final List<String> epochRows = new ArrayList<>();
        final long start = System.nanoTime();
        int epoch;
        double stepFraction;
        long lastUpdate;
        String status;

        Run(RunSpec spec, int firstEpoch, String path) {
            this.spec = spec;
            this.epoch = firstEpoch;
            this.status = (firstEpoch > 0 ? "resumed at epoch " + (firstEpoch + 1) + ", " : "") + path;
            this.display = Show.live(html(), text());
        }

        String text() {
            return spec.label() + ": " + status;
        }

        String html() {
            double done = spec.epochs() == 0 ? 1 : Math.min(1, epochFraction() / spec.epochs());
            StringBuilder s = new StringBuilder("<div><b>")
                    .append(Html.escape(spec.label()))
                    .append("</b>: ")
                    .append(Html.escape(status))
                    .append("</div>")
                    .append(Html.progressBar(done));
            if (!epochRows.isEmpty()) {
                s.append("<table><thead><tr><th>epoch</th><th>loss</th><th>train %</th><th>test %</th>"
                        + "<th>alignment</th><th>steps/s</th><th>s</th></tr></thead><tbody>");
                epochRows.forEach(s::append);
                s.append("</tbody></table>");
            }
            return s.toString();
        }

        double epochFraction() {
            return epoch + stepFraction;
        }

        void update() {
            lastUpdate = System.nanoTime();
            display.update(html(), text());
        }
    }

    @Override
    public void started(RunSpec spec, int firstEpoch, String path) {
        Run run = new Run(spec, firstEpoch, path);
        current.set(run);
        running.put(Thread.currentThread(), run);
        lines.started(spec, firstEpoch, path);
    }

    @Override
    public void steps(int epoch, int done, int total, double stepsPerSecond) {
        Run run = current.get();
        if (run == null || System.nanoTime() - run.lastUpdate < STEP_INTERVAL_NANOS) {
            return;
        }
        run.epoch = epoch;
        run.stepFraction = (double) done / total;
        double left = ((run.spec.epochs() - epoch) * (double) total - done) / stepsPerSecond;
        run.status = String.format(
                Locale.ROOT,
                "epoch %d/%d, step %d/%d, %.1f steps/s, about %s left",
                epoch + 1,
                run.spec.epochs(),
                done,
                total,
                stepsPerSecond,
                duration(left));
        run.update();
    }

    @Override
    public void epoch(RunSpec spec, EpochMetrics m) {
        Run run = current.get();
        lines.epoch(spec, m);
        if (run == null) {
            return;
        }
        run.epoch = m.epoch() + 1;
        run.stepFraction = 0;
        run.epochRows.add(String.format(
                Locale.ROOT,
                "<tr><td>%d</td><td>%.3f</td><td>%.2f</td><td>%.2f</td><td>%s</td><td>%.1f</td><td>%.1f</td></tr>",
                m.epoch() + 1,
                m.trainLoss(),
                100 * m.trainAccuracy(),
                100 * m.testAccuracy(),
                Html.escape(ConsoleProgress.alignment(m)),
                m.stepsPerSecond(),
                m.seconds()));
        boolean last = run.epoch == spec.epochs();
        run.status = last
                ? String.format(
                        Locale.ROOT,
                        "finished, test %.2f%% after %d epochs in %s",
                        100 * m.testAccuracy(),
                        spec.epochs(),
                        duration((System.nanoTime() - run.start) / 1e9))
                : String.format(
                        Locale.ROOT, "epoch %d/%d done, test %.2f%%", run.epoch, spec.epochs(), 100 * m.testAccuracy());
        run.update();
        if (last) {
            running.remove(Thread.currentThread());
            current.remove();
        }
    }

    @Override
    public void diverged(RunResult result) {
        lines.diverged(result);
        Run run = current.get();
        if (run == null) {
            return;
        }
        run.status = result.describe();
        run.update();
        running.remove(Thread.currentThread());
        current.remove();
    }

    @Override
    public void waiting(RunSpec spec, String message) {
        lines.waiting(spec, message);
        Show.live("<div>" + Html.escape(message) + "</div>", message);
    }

    @Override
    public void note(RunSpec spec, String message) {
        lines.note(spec, message);
        String text = spec.label() + ": " + message;
        Show.live("<div>" + Html.escape(text) + "</div>", text);
    }

    @Override
    public void advice(String message) {
        lines.advice(message);
        Show.live("<div>" + Html.escape(message) + "</div>", message);
    }

    @Override
    public synchronized void reused(RunResult result) {
        reused++;
        fromReference += result.fromReference() ? 1 : 0;
        String text = String.format(
                        Locale.ROOT,
                        "reused %d stored run%s%s, the last: %s (%s)",
                        reused,
                        reused == 1 ? "" : "s",
                        fromReference == 0 ? "" : " (" + fromReference + " of them the project's reference runs)",
                        result.spec().label(),
                        result.diverged()
                                ? result.describe()
                                : String.format(Locale.ROOT, "test %.2f%%", 100 * result.testAccuracy()))
                + (result.fromReference() ? "; " + result.provenance().get(RunResult.REFERENCE) : "");
        String html = "<div>" + Html.escape(text) + "</div>";
        if (reusedDisplay == null) {
            reusedDisplay = Show.live(html, text);
        } else {
            reusedDisplay.update(html, text);
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
