package ai.dfalab.run;

/** Another process (or thread) is writing the run, and the caller chose not to wait for it. */
public final class RunLockedException extends RuntimeException {
    public RunLockedException(String message) {
        super(message);
    }
}
