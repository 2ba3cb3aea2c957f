package ai.dfalab.report;

import java.util.Map;

/**
 * Where {@link Show} sends a MIME bundle ({@code text/plain} always, {@code image/png} base64, {@code text/html}):
 * the display channel of the notebook kernel this JVM runs in, or standard output as text.
 */
interface Display {

    /** Publishes {@code bundle}; with a non-null {@code id}, as a display that {@link #update} replaces in place. */
    void publish(Map<String, String> bundle, String id);

    /** Replaces the display published under {@code id}. */
    void update(Map<String, String> bundle, String id);

    /** Whether the bundle's rich types reach a front end (false: only its text is printed). */
    default boolean rich() {
        return true;
    }

    /** For messages: which kernel this is. */
    String name();
}
