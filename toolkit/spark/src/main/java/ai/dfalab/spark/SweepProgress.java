package ai.dfalab.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's view of a sweep: a line when a run's task ends (runs done of total, time left from the mean time per
 * finished run and the tasks running at once), and a line when a task fails and Spark retries it.
 */
final class SweepProgress extends SparkListener {
    private final PrintStream out;
    private final List<String> labels;
    private final long start = System.nanoTime();
    private int done;

    SweepProgress(PrintStream out, List<String> labels) {
        this.out = out;
        this.labels = labels;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        int index = end.taskInfo().index();
        String label = index < labels.size() ? labels.get(index) : "task " + index;
        if (!end.taskInfo().successful()) {
            out.println("sweep: the task of " + label + " failed (" + end.reason() + "): Spark retries it; the run"
                    + " resumes from its last stored epoch");
            return;
        }
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / done * (labels.size() - done);
        out.println(String.format(
                Locale.ROOT,
                "sweep: %d/%d runs done (%s), %s elapsed, about %s left",
                done,
                labels.size(),
                label,
                duration(elapsed),
                duration(left)));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
