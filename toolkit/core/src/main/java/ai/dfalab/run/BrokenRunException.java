package ai.dfalab.run;

/** A stored run that cannot be used as it is: its {@code run.json} unreadable, or a file it names missing or damaged. */
public final class BrokenRunException extends RuntimeException {
    public BrokenRunException(String message) {
        super(message);
    }

    public BrokenRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
