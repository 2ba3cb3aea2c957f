package ai.dfalab.experiments;

import ai.dfalab.data.Batch;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.ScaledCropFlip;
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

    /** The pipeline {@code spec} needs: Table 3's for a 224x224 VGG-16 on 32x32 CIFAR images, none otherwise. */
    public static InputPipeline forRun(RunSpec spec) {
        boolean cifar = spec.dataset() == DatasetName.CIFAR10 || spec.dataset() == DatasetName.CIFAR100;
        return Networks.takes224(spec.model()) && cifar
                ? new InputPipeline(ScaledCropFlip.table3(Runtime.getRuntime().availableProcessors())) : new InputPipeline(null);
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
