package ai.dfalab.train.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the engine's Java loops (lowering, activations, pooling, batch norm) on every core, as OpenBLAS runs its
 * products: a region's tasks (channels, rows) are taken in turn by the calling thread and the workers. One region at
 * a time; with one thread everything runs on the caller.
 */
final class Workers {
    private final Thread[] threads;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private IntConsumer body;
    private int tasks;
    private Thread caller;
    private volatile RuntimeException failure;
    /** Counts regions; written last when a region starts, so a worker that sees it change sees the region. */
    private volatile int generation;

    private volatile boolean closed;

    /** {@code count} threads in all, the caller included. */
    Workers(int count) {
        threads = new Thread[Math.max(0, count - 1)];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(this::work, "engine-worker-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Ends the worker threads (once their owner is gone). */
    void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }

    int count() {
        return threads.length + 1;
    }

    /** {@code task.accept(i)} for every {@code i} in {@code [0, n)}, spread over the threads; returns when all are done. */
    synchronized void run(int n, IntConsumer task) {
        if (threads.length == 0 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        body = task;
        tasks = n;
        next.set(0);
        running.set(threads.length);
        generation++;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        take(task, n);
        while (running.get() > 0) {
            LockSupport.park(this);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void take(IntConsumer task, int n) {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            task.accept(i);
        }
    }

    private void work() {
        int seen = 0;
        while (!closed) {
            int g = generation;
            if (g == seen) {
                LockSupport.park(this);
                continue;
            }
            seen = g;
            try {
                take(body, tasks);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
