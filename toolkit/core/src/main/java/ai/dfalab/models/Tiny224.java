package ai.dfalab.models;

import ai.dfalab.layers.Init;
import ai.dfalab.layers.WeightInitializer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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
        MultiLayerNetwork net = new MultiLayerNetwork(Configs.base(seed, DataType.FLOAT, updater)
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
                .layer(
                        3,
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nOut(classes)
                                .activation(Activation.SOFTMAX)
                                .build())
                .setInputType(InputType.convolutionalFlat(224, 224, 3))
                .build());
        net.init();
        WeightInitializer.initialize(net, init, seed);
        return new BlockNetwork(net, new int[] {1, 2}, new long[] {3 * 224 * 224});
    }
}
