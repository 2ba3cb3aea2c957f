import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.rapaio.jupyter.kernel.channels.LoopThread;

/**
 * Shows the LoopThread start-up race of rapaio-jupyter-kernel 3.0.1 without Jupyter: starts many
 * LoopThreads (the class found first on the class path) and counts those that ended without ever
 * running their loop body -- a channel thread (shell, control, heartbeat) that does this leaves a
 * kernel that never answers.
 *
 *   java -cp <rjk.jar>                        environment/tests/LoopThreadRace.java [N]  # 3.0.1
 *   java -cp <rjk-startup-fix.jar>:<rjk.jar>  environment/tests/LoopThreadRace.java [N]  # fixed
 *
 * Prints "LoopThread race: D of N threads died at start (class from ...)"; exits 1 if D > 0.
 */
public class LoopThreadRace {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int died = 0;
        for (int i = 0; i < n; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            LoopThread t = new LoopThread("race-" + i, 1, ran::countDown);
            t.start();
            // wait until the body ran once, or the thread is gone without running it
            while (!ran.await(1, TimeUnit.MILLISECONDS) && t.isAlive()) {
                Thread.onSpinWait();
            }
            boolean bodyRan = ran.getCount() == 0;
            t.shutdown();
            t.join(5000);
            if (!bodyRan) {
                died++;
            }
        }
        String from = LoopThread.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        System.out.printf("LoopThread race: %d of %d threads died at start (class from %s)%n", died, n, from);
        System.exit(died > 0 ? 1 : 0);
    }
}
