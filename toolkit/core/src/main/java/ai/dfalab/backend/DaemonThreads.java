package ai.dfalab.backend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Fixed thread pools of daemon threads: a pool someone forgot to close never keeps the JVM from exiting. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A pool of {@code threads} daemon threads, all named {@code name}. */
    public static ExecutorService pool(int threads, String name) {
        return pool(threads, () -> name, thread -> {});
    }

    /** A pool of {@code threads} daemon threads, each named by {@code names} and passed to {@code created}. */
    public static ExecutorService pool(int threads, Supplier<String> names, Consumer<Thread> created) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, names.get());
            t.setDaemon(true);
            created.accept(t);
            return t;
        });
    }
}
