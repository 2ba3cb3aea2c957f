package ai.dfalab.data;

import java.nio.file.Path;

/**
 * A data file that is missing, unreadable or not in its documented format.
 * Unchecked so that notebooks and lambdas can load data without ceremony; the message always starts with the file.
 */
public final class DataFormatException extends RuntimeException {
    private final transient Path file;

    public DataFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }
}
