package ai.dfalab.run;

import ai.dfalab.data.DatasetName;
import ai.dfalab.data.RealData;
import ai.dfalab.train.Updater;

/** Short real runs on MNIST for the store's tests: seconds each, with updater state (momentum) to checkpoint. */
final class MnistRuns {
    /** 3 epochs of 4 steps, Nesterov momentum (so a checkpoint holds updater state), input and hidden dropout. */
    static final RunSpec SHORT = RunSpec.paper()
            .withDataset(DatasetName.MNIST)
            .withUpdater(Updater.NESTEROVS)
            .withLearningRate(1e-3)
            .withBatch(64)
            .withTrainLimit(256)
            .withTestLimit(200)
            .withEpochs(3)
            .withModel(m -> m.withDropout(0.1, 0.1));

    /** As {@link #SHORT} with one step per epoch and 100 test images: for tests that run it dozens of times. */
    static final RunSpec TINY = SHORT.withTrainLimit(64).withTestLimit(100);

    private MnistRuns() {}

    static void requireMnist() {
        RealData.dir(DatasetName.MNIST);
    }
}
