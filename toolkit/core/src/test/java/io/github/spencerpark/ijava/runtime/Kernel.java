package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * Stands in for IJava's runtime class of the same name (IJava's jar is not on Maven Central): it holds the running
 * kernel, as IJava's does, so the toolkit's display can be tested against the real jupyter-jvm-basekernel API.
 */
public final class Kernel {
    public static BaseKernel instance;
    /** When set, what asking for the kernel throws (a broken or changed runtime). */
    public static RuntimeException failure;

    private Kernel() {}

    public static BaseKernel getKernelInstance() {
        if (failure != null) {
            throw failure;
        }
        return instance;
    }
}
