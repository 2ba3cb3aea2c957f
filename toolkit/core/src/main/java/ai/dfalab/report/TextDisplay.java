package ai.dfalab.report;

import java.util.Map;

/**
 * No notebook kernel (plain JShell, a terminal, a test): each bundle's {@code text/plain}, printed on the standard
 * output of the moment (JShell redirects it).
 */
final class TextDisplay implements Display {

    @Override
    public void publish(Map<String, String> bundle, String id) {
        System.out.println(bundle.get("text/plain"));
    }

    @Override
    public void update(Map<String, String> bundle, String id) {
        System.out.println(bundle.get("text/plain"));
    }

    @Override
    public boolean rich() {
        return false;
    }

    @Override
    public String name() {
        return "text";
    }
}
