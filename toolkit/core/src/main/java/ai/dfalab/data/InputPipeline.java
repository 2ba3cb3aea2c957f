package ai.dfalab.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a run does to its images before the network sees them: nothing for networks that take the data set's own
 * 32x32 images, and Table 3's pipeline (scale to 256x256, random 224 crop and flip for training, centre crop for
 * evaluation) for the 224x224 VGG-16 on CIFAR-10/100. Closing it stops its threads.
 */
public final class InputPipeline implements AutoCloseable {
    private final ScaledCropFlip scaled;

    private InputPipeline(ScaledCropFlip scaled) {
        this.scaled = scaled;
    }

    /** The pipeline {@code request} needs: Table 3's for a 224x224 network on 32x32 CIFAR images, none otherwise. */
    public static InputPipeline forRequest(DataRequest request) {
        boolean cifar = request.dataset() == DatasetName.CIFAR10 || request.dataset() == DatasetName.CIFAR100;
        return request.scaleTo224() && cifar
                ? new InputPipeline(ScaledCropFlip.table3(Runtime.getRuntime().availableProcessors()))
                : new InputPipeline(null);
    }

    /** A training batch, augmented from {@code seed} (the same seed gives the same crops and flips). */
    public Batch train(Batch batch, long seed) {
        return scaled == null ? batch : scaled.train(batch, seed);
    }

    /** Evaluation images (rows of {@code x}), centre-cropped where the pipeline crops. */
    public INDArray eval(INDArray x) {
        return scaled == null ? x : scaled.eval(new Batch(x, null)).features();
    }

    @Override
    public void close() {
        if (scaled != null) {
            scaled.close();
        }
    }
}
