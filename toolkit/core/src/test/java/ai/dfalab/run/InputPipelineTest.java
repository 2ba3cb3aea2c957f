package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.InputPipeline;
import ai.dfalab.data.RealData;
import ai.dfalab.models.Architecture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The 224x224 VGG-16 trains on CIFAR through Table 3's scaling, repeatably; other runs see their images unchanged. */
class InputPipelineTest {
    @TempDir
    Path results;

    @Test
    void only224NetworksOnCifarAreScaledAndCentreCroppedForEvaluation() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3072);
        try (InputPipeline none = InputPipeline.forRequest(RunSpec.paper().data())) {
            assertSame(x, none.eval(x));
        }
        try (InputPipeline scaled =
                InputPipeline.forRequest(ImageNetRunTest.table3Like(DatasetName.CIFAR100, Architecture.VGG16)
                        .data())) {
            assertArrayEquals(new long[] {3, 3 * 224 * 224}, scaled.eval(x).shape());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageNetRunTest.table3Like(DatasetName.MNIST, Architecture.VGG16_W8)
                        .network(DataLocation.root()));
        assertEquals(
                100,
                RunSpec.paper()
                        .withDataset(DatasetName.CIFAR100)
                        .network(DataLocation.root())
                        .classes());
    }

    @Test
    void a224VggRunOnRealCifarTrainsOnAugmentedCropsAndRepeatsItself() {
        RealData.dir(DatasetName.CIFAR10);
        RunSpec spec = ImageNetRunTest.table3Like(DatasetName.CIFAR10, Architecture.VGG16_W8)
                .withTrainLimit(4)
                .withTestLimit(4)
                .withBatch(2)
                .withEpochs(1);
        assertArrayEquals(
                new long[] {8, 224, 224},
                spec.network(DataLocation.root()).pointShape(0)); // conv1_1 at full resolution
        RunResult a = new Experiment(new ResultStore(results.resolve("a")), Progress.SILENT).run(spec);
        RunResult b = new Experiment(new ResultStore(results.resolve("b")), Progress.SILENT).run(spec);
        assertTrue(
                Double.isFinite(a.last().trainLoss())
                        && Double.isFinite(a.last().testLoss()),
                a.last().toString());
        assertEquals(a.last().trainLoss(), b.last().trainLoss(), 1e-6);
        assertEquals(a.last().testLoss(), b.last().testLoss(), 1e-6);
        assertArrayEquals(a.last().alignmentMean(), b.last().alignmentMean(), 1e-5);
    }
}
