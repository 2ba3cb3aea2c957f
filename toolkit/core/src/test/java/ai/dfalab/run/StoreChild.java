package ai.dfalab.run;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A second process for the store's tests: {@code lock ROOT MILLIS} holds the lock of {@link #KEY} that long;
 * {@code train ROOT} runs {@link MnistRuns#SHORT} (keeping its weights). It prints what happens, one line each.
 */
final class StoreChild {
    /** A run key that needs no data. */
    static final RunKey KEY = new RunKey(MnistRuns.SHORT, "0".repeat(64), Numerics.VERSION);

    private StoreChild() {}

    public static void main(String[] args) throws Exception {
        ResultStore store = new ResultStore(Path.of(args[1]));
        if (args[0].equals("lock")) {
            try (StoreFiles.Lock lock = store.lock(KEY, true, m -> System.out.println("waiting: " + m))) {
                System.out.println("locked");
                Thread.sleep(Long.parseLong(args[2]));
                System.out.println("releasing");
            }
            return;
        }
        RunResult r = new Experiment(store, new Progress() {
                    @Override
                    public void epoch(RunSpec spec, EpochMetrics m) {
                        System.out.println("epoch " + (m.epoch() + 1));
                    }

                    @Override
                    public void waiting(RunSpec spec, String message) {
                        System.out.println("waiting: " + message);
                    }

                    @Override
                    public void reused(RunResult result) {
                        System.out.println("reused");
                    }
                })
                .keepingWeights()
                .run(MnistRuns.SHORT);
        System.out.println(String.format(Locale.ROOT, "result %s %.6f", r.describe(), r.testAccuracy()));
    }
}
