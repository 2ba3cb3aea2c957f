package ai.dfalab.models;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.SeededDropout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds a {@link CnnSpec} as a DL4J network cut into DFA blocks. The input arrives flat ({@code C*H*W} per sample,
 * channel planes in C order, as {@code data.Cifar10} stores it) and DL4J's preprocessor shapes it to NCHW.
 */
public final class ConvNetworks {
    private ConvNetworks() {}

    public static BlockNetwork build(CnnSpec spec) {
        return build(spec, DataType.FLOAT);
    }

    /** As {@link #build(CnnSpec)} in another precision ({@code DOUBLE} for exact checks). */
    public static BlockNetwork build(CnnSpec spec, DataType type) {
        IActivation act = Activations.parse(spec.activation());
        NeuralNetConfiguration.ListBuilder layers = Configs.base(spec.seed(), type, spec.updater())
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        List<Integer> points = new ArrayList<>();
        int layer = 0;
        List<Integer> convs = spec.convs();
        int nIn = spec.channels();
        for (int block = 0; block < convs.size(); block++) {
            boolean dropout = spec.convDropout() > 0;
            ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(CnnSpec.KERNEL, CnnSpec.KERNEL)
                    .nIn(nIn)
                    .nOut(convs.get(block))
                    .stride(1, 1)
                    .padding(CnnSpec.PADDING, CnnSpec.PADDING)
                    .activation(dropout ? Activation.IDENTITY.getActivationFunction() : act);
            if (block == 0 && spec.inputDropout() > 0) { // DL4J applies a layer's dropout to its input
                conv.dropOut(SeededDropout.spatial(1 - spec.inputDropout(), spec.seed()));
            }
            layers.layer(layer++, conv.build());
            layer = activationBlock(
                    layers,
                    layer,
                    act,
                    dropout ? SeededDropout.spatial(1 - spec.convDropout(), spec.seed() + layer) : null,
                    spec.batchNorm());
            layers.layer(
                    layer++,
                    new SubsamplingLayer.Builder(PoolingType.MAX)
                            .kernelSize(CnnSpec.POOL, CnnSpec.POOL)
                            .stride(CnnSpec.POOL_STRIDE, CnnSpec.POOL_STRIDE)
                            .build());
            points.add(layer - 1);
            nIn = convs.get(block);
        }
        boolean dropout = spec.hiddenDropout() > 0;
        layers.layer(
                layer++,
                new DenseLayer.Builder()
                        .nOut(spec.hidden())
                        .activation(dropout ? Activation.IDENTITY.getActivationFunction() : act)
                        .build());
        layer = activationBlock(
                layers,
                layer,
                act,
                dropout ? new SeededDropout(1 - spec.hiddenDropout(), spec.seed() + layer) : null,
                spec.batchNorm());
        if (!spec.headByBp()) {
            points.add(layer - 1);
        }
        layers.layer(layer, Configs.softmaxOutput(spec.classes()).build());
        layers.setInputType(InputType.convolutionalFlat(spec.side(), spec.side(), spec.channels()));
        return Configs.blocks(
                layers.build(), spec.init(), spec.seed(), points, (long) spec.channels() * spec.side() * spec.side());
    }

    /** After a weight layer: dropout then the activation (when dropping), then batch norm: the authors' order. */
    private static int activationBlock(
            NeuralNetConfiguration.ListBuilder layers,
            int layer,
            IActivation act,
            SeededDropout dropout,
            boolean batchNorm) {
        if (dropout != null) {
            layers.layer(layer++, new DropoutLayer(dropout));
            layers.layer(layer++, new ActivationLayer.Builder().activation(act).build());
        }
        if (batchNorm) {
            layers.layer(layer++, new BatchNormalization.Builder().build());
        }
        return layer;
    }
}
