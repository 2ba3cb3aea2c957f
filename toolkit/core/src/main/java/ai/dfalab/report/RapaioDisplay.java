package ai.dfalab.report;

import java.util.Map;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * rapaio-jupyter-kernel (the kernel {@code environment/install-kernel} installs): cells run in the kernel's own JVM,
 * so {@code MainApp.kernel} is the running kernel. Compiled against its API (a {@code provided} dependency), so a
 * changed API fails the build instead of falling back to text at run time.
 */
final class RapaioDisplay implements Display {
    private final RapaioKernel kernel;

    private RapaioDisplay(RapaioKernel kernel) {
        this.kernel = kernel;
    }

    /** The running kernel's display, or null when this JVM is not one (the class is loaded only when present). */
    static Display running() {
        RapaioKernel kernel = MainApp.kernel;
        return kernel == null || kernel.channels() == null ? null : new RapaioDisplay(kernel);
    }

    @Override
    public void publish(Map<String, String> bundle, String id) {
        kernel.display(data(bundle, id));
    }

    @Override
    public void update(Map<String, String> bundle, String id) {
        kernel.updateDisplay(data(bundle, id));
    }

    private static DisplayData data(Map<String, String> bundle, String id) {
        DisplayData data = DisplayData.fromText(bundle.get("text/plain"));
        bundle.forEach(data::putData);
        if (id != null) {
            data.setDisplayId(id);
        }
        return data;
    }

    @Override
    public String name() {
        return "rapaio-jupyter-kernel";
    }
}
