package ai.dfalab.report;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.Map;

/**
 * IJava: its kernel is a jupyter-jvm-basekernel {@link BaseKernel}, against whose API this is compiled; only
 * {@code io.github.spencerpark.ijava.runtime.Kernel.getKernelInstance()}, which lives in IJava's own jar (not on
 * Maven Central), is found by reflection.
 */
final class IJavaDisplay implements Display {
    static final String KERNEL_CLASS = "io.github.spencerpark.ijava.runtime.Kernel";
    private final BaseKernel kernel;

    private IJavaDisplay(BaseKernel kernel) {
        this.kernel = kernel;
    }

    /** The running kernel's display, or null when IJava's runtime holds no kernel. */
    static Display running() throws ReflectiveOperationException {
        Object kernel =
                Class.forName(KERNEL_CLASS).getMethod("getKernelInstance").invoke(null);
        return kernel == null ? null : new IJavaDisplay((BaseKernel) kernel);
    }

    @Override
    public void publish(Map<String, String> bundle, String id) {
        kernel.display(data(bundle, id));
    }

    @Override
    public void update(Map<String, String> bundle, String id) {
        kernel.getIO().display.updateDisplay(data(bundle, id));
    }

    private static DisplayData data(Map<String, String> bundle, String id) {
        DisplayData data = new DisplayData();
        bundle.forEach(data::putData);
        if (id != null) {
            data.setDisplayId(id);
        }
        return data;
    }

    @Override
    public String name() {
        return "IJava";
    }
}
