package ai.dfalab.models;

import ai.dfalab.layers.Activations;
import ai.dfalab.layers.GradientMask;
import ai.dfalab.layers.SeededDropout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds an {@link FcSpec} as a DL4J network cut into DFA blocks. */
public final class FcNetworks {
    private FcNetworks() {}

    public static BlockNetwork build(FcSpec spec) {
        IActivation act = Activations.parse(spec.activation());
        NeuralNetConfiguration.ListBuilder layers =
                Configs.base(spec.seed(), DataType.FLOAT, spec.updater()).list();
        List<Integer> points = new ArrayList<>();
        List<Integer> linears = new ArrayList<>();
        List<Integer> hidden = spec.hidden();
        int nIn = spec.inputs();
        int layer = 0;
        for (int block = 0; block < hidden.size(); block++) {
            boolean dropout = spec.hiddenDropout() > 0;
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nIn(nIn)
                    .nOut(hidden.get(block))
                    .activation(dropout ? Activation.IDENTITY.getActivationFunction() : act);
            if (block == 0 && spec.inputDropout() > 0) {
                dense.dropOut(
                        new SeededDropout(1 - spec.inputDropout(), spec.seed())); // DL4J takes the retain probability
            }
            linears.add(layer);
            layers.layer(layer++, dense.build());
            if (dropout) {
                layers.layer(
                        layer++, new DropoutLayer(new SeededDropout(1 - spec.hiddenDropout(), spec.seed() + layer)));
                layers.layer(
                        layer++, new ActivationLayer.Builder().activation(act).build());
            }
            if (spec.batchNorm()) {
                layers.layer(
                        layer++,
                        new BatchNormalization.Builder().nOut(hidden.get(block)).build());
            }
            boolean bottleneckNext = block + 1 == spec.bottleneck();
            if (!bottleneckNext) {
                points.add(layer - 1);
            }
            nIn = hidden.get(block);
        }
        linears.add(layer);
        layers.layer(layer, Configs.softmaxOutput(spec.classes()).nIn(nIn).build());
        BlockNetwork blocks = Configs.blocks(layers.build(), spec.init(), spec.seed(), points, spec.inputs());
        if (spec.bottleneck() >= 0) {
            blocks.maskGradients(
                    linears.get(spec.bottleneck()),
                    GradientMask.bottleneck(spec.bottleneckK(), hidden.get(spec.bottleneck()), spec.seed()));
        }
        return blocks;
    }
}
