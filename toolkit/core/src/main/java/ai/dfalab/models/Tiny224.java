package ai.dfalab.models;

import ai.dfalab.layers.Init;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Not the paper's: a tiny network on 224x224 images (conv 3->4 8x8 stride 8, ReLU, 2x2 max pooling, dense 16 ReLU,
 * softmax; feedback points after the pooling, 4 x 14 x 14, and after the dense layer). A step of even the narrowest
 * VGG-16 at 224 takes seconds on a CPU; this one takes milliseconds, so a 224x224 data pipeline (ImageNet's) can be
 * run end to end in tests or checked on a new data folder.
 */
public final class Tiny224 {
    public static final String NAME = "tiny224";

    private Tiny224() {}

    public static BlockNetwork build(long seed, Init init, IUpdater updater, int classes) {
        return Configs.blocks(
                Configs.base(seed, DataType.FLOAT, updater)
                        .list()
                        .layer(
                                0,
                                new ConvolutionLayer.Builder(8, 8)
                                        .stride(8, 8)
                                        .nOut(4)
                                        .activation(Activation.RELU)
                                        .build())
                        .layer(
                                1,
                                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                        .kernelSize(2, 2)
                                        .stride(2, 2)
                                        .build())
                        .layer(
                                2,
                                new DenseLayer.Builder()
                                        .nOut(16)
                                        .activation(Activation.RELU)
                                        .build())
                        .layer(3, Configs.softmaxOutput(classes).build())
                        .setInputType(InputType.convolutionalFlat(224, 224, 3))
                        .build(),
                init,
                seed,
                List.of(1, 2),
                3 * 224 * 224);
    }
}
