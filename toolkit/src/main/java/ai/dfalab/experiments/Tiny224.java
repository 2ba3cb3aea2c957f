package ai.dfalab.experiments;

import ai.dfalab.models.WeightInitializer;
import ai.dfalab.train.BlockNetwork;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Not the paper's: a tiny network on 224x224 images (conv 3->4 8x8 stride 8, ReLU, 2x2 max pooling, dense 16 ReLU,
 * softmax; feedback points after the pooling, 4 x 14 x 14, and after the dense layer). A step of even the narrowest
 * VGG-16 at 224 takes seconds on a CPU; this one takes milliseconds, so tests can run the ImageNet pipeline end to end.
 */
final class Tiny224 {
    static final String NAME = "tiny224";

    private Tiny224() {
    }

    static BlockNetwork build(RunSpec spec, int classes) {
        // The toolkit's networks all run with DL4J workspaces off: the DFA step drives the backward passes itself.
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(spec.seed()).dataType(DataType.FLOAT)
                .updater(Updaters.create(spec.updater(), spec.learningRate()))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).list()
                .layer(0, new ConvolutionLayer.Builder(8, 8).stride(8, 8).nOut(4).activation(Activation.RELU).build())
                .layer(1, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(2, new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(3, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(224, 224, 3));
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        WeightInitializer.initialize(net, spec.init(), spec.seed());
        return new BlockNetwork(net, new int[] {1, 2}, new long[] {3 * 224 * 224});
    }
}
