package ai.dfalab.run;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Hears how a run goes; {@link ConsoleProgress} prints it, {@link LiveProgress} shows it in a notebook. */
public interface Progress {

    /**
     * In a notebook kernel with rich display, a {@link LiveProgress} (its epoch lines on the kernel process's own
     * standard error: the terminal that runs JupyterLab, the runner's kernel log); elsewhere a {@link ConsoleProgress}.
     */
    static Progress auto() {
        if (!ai.dfalab.report.Show.rich()) {
            return new ConsoleProgress();
        }
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new LiveProgress(new ConsoleProgress(terminal, Double.POSITIVE_INFINITY));
    }

    /**
     * A run starts (or resumes at {@code firstEpoch}); {@code path}: how its steps run ("engine", or "DL4J layers" and
     * why the engine does not run the network).
     */
    default void started(RunSpec spec, int firstEpoch, String path) {}

    /** Within an epoch, now and then. */
    default void steps(int epoch, int done, int total, double stepsPerSecond) {}

    default void epoch(RunSpec spec, EpochMetrics metrics) {}

    /** A finished (or diverged) run was found in the store and reused. */
    default void reused(RunResult result) {}

    /** A run stopped on a non-finite loss or weight ({@link RunResult#divergence()}); it is stored as such. */
    default void diverged(RunResult result) {}

    /** Another process (or thread) writes the run: this one waits for it ({@code message} says who). */
    default void waiting(RunSpec spec, String message) {}

    /** Something a person should know about the run's stored state (a broken checkpoint, older runs kept). */
    default void note(RunSpec spec, String message) {}

    /** How this machine could run faster (its BLAS kernels, say), told once per process at its first training. */
    default void advice(String message) {}

    Progress SILENT = new Progress() {};
}
