package ai.dfalab.run;

/**
 * What one epoch gave. Train accuracy is the running accuracy over the epoch's batches in training mode (as the
 * authors' code logs it); test accuracy is in inference mode on the whole test set, and for CIFAR-10 also on its
 * first 1,000 records, the only exact ones in the shared copy (NaN otherwise). Alignment is measured at the end of
 * the epoch on the first 128 test images (the authors' protocol): mean and std of the cosine per feedback point.
 * Test loss is the mean cross-entropy on the test set (what the plateau schedule watches); learning rate is the one
 * the epoch trained with.
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testAccuracy,
        double testAccuracyExact,
        double[] alignmentMean,
        double[] alignmentStd,
        double seconds,
        double stepsPerSecond,
        double testLoss,
        double learningRate) {}
