package ai.dfalab.report;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Finds the notebook kernel this JVM runs in. A kernel that is there but whose display cannot be reached is an
 * error the user must see: the fallback to text says so on standard error, with the cause.
 */
final class Displays {
    static final String RAPAIO_MAIN = "org.rapaio.jupyter.kernel.MainApp";

    private Displays() {}

    static Display detect() {
        return detect(System.err);
    }

    static Display detect(PrintStream err) {
        String kernel = null;
        try {
            if (present(RAPAIO_MAIN)) {
                kernel = "rapaio-jupyter-kernel";
                Display d = RapaioDisplay.running();
                if (d != null) {
                    return d;
                }
            }
            if (present(IJavaDisplay.KERNEL_CLASS)) {
                kernel = "IJava";
                Display d = IJavaDisplay.running();
                if (d != null) {
                    return d;
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
            err.println("DFA Lab: WARNING: running under " + kernel + " but its display API failed (" + cause
                    + "): charts and tables are shown as TEXT; their files are still saved under results/");
            return new TextDisplay();
        }
        err.println("DFA Lab: no Jupyter kernel display in this JVM"
                + (kernel == null ? "" : " (" + kernel + " is on the class path but holds no running kernel)")
                + ": charts and tables are shown as text; their files are saved under results/");
        return new TextDisplay();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Displays.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
