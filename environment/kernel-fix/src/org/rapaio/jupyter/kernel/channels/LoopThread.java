package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DFA Lab start-up fix for io.github.padreati:rapaio-jupyter-kernel:3.0.1 (written for DFA Lab;
 * same name and public API as the kernel's own class, which it shadows on the class path).
 *
 * <p>Thread which runs {@code loopBody} in a loop, sleeping {@code sleep} ms after each run.
 * The shell, control and heartbeat channels each run one.
 *
 * <p>Changes against 3.0.1:
 * <ul>
 * <li>{@link #start()} sets {@code running} <em>before</em> starting the thread. 3.0.1 set it after
 *     {@code super.start()}, so a thread scheduled at once saw {@code running == false}, left
 *     {@link #run()} immediately and that channel was dead for the kernel's life: a kernel that
 *     never answers {@code kernel_info_request} ("Kernel didn't respond"), or never answers
 *     heartbeats or {@code shutdown_request}.</li>
 * <li>An exception thrown by one iteration is logged and the loop goes on (3.0.1 let it end the
 *     thread, again leaving a kernel that silently stops answering). The loop still ends once
 *     {@link #shutdown()} was called, or after {@value #MAX_CONSECUTIVE_FAILURES} failed
 *     iterations in a row.</li>
 * </ul>
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
    private static final int MAX_CONSECUTIVE_FAILURES = 100;

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            try {
                loopBody.run();
                failures = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // closing: errors from closed sockets are expected
                }
                failures++;
                LOGGER.log(Level.SEVERE, getName() + ": loop iteration failed (" + failures + " in a row): " + e, e);
                if (failures >= MAX_CONSECUTIVE_FAILURES) {
                    LOGGER.severe(getName() + ": giving up after " + failures + " failures in a row");
                    running = false;
                    return;
                }
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread can look at it
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
