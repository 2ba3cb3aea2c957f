package ai.dfalab.train;

import ai.dfalab.layers.GradientMask;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.engine.BlockPasses;
import ai.dfalab.train.engine.Downward;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step's passes through DL4J's own layers and updater: the reference the engine is tested against, and the
 * path of networks the engine does not run (it then says why). Gradients are DL4J's, summed over the batch into the
 * network's gradient view; DL4J's updater averages them and steps.
 */
final class LayerPasses implements BlockPasses {
    private final BlockNetwork net;
    private final String reason;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private INDArray output;
    private INDArray labels;
    private INDArray error;

    /** @param reason why the engine does not run the network, or null when these passes were asked for */
    LayerPasses(BlockNetwork net, String reason) {
        this.net = net;
        this.reason = reason;
    }

    /** The passes of {@code net} after a training-mode forward pass already run (which gave {@code output}, or null). */
    static LayerPasses afterForward(BlockNetwork net, INDArray output, INDArray labels) {
        LayerPasses passes = new LayerPasses(net, null);
        passes.output = output;
        passes.labels = labels;
        passes.error = output == null ? null : output.sub(labels);
        return passes;
    }

    @Override
    public int points() {
        return net.points();
    }

    @Override
    public INDArray forward(INDArray x, INDArray labels, int iteration, int epoch) {
        this.output = net.forward(x, true);
        this.labels = labels;
        this.error = output.sub(labels);
        return output;
    }

    @Override
    public INDArray output(INDArray x) {
        return net.forward(x, false);
    }

    @Override
    public INDArray logits() {
        return net.outputLogits();
    }

    @Override
    public INDArray error() {
        return error;
    }

    @Override
    public INDArray signal(int point) {
        return Nd4j.createUninitialized(labels.dataType(), labels.size(0), net.pointSize(point));
    }

    @Override
    public INDArray backward(int block, INDArray signal, Downward down, boolean inputGradient) {
        int start = net.blockStart(block);
        int end = net.blockEnd(block);
        INDArray eps = block == net.points() ? null : net.toPointShape(block, signal);
        for (int layer = end; layer >= start; layer--) {
            eps = backpropLayer(layer, eps, down, layer > start || inputGradient);
        }
        return inputGradient ? eps : null;
    }

    /** One layer's backward pass (the output layer's from the labels); the gradient at its input when asked. */
    private INDArray backpropLayer(int layer, INDArray eps, Downward down, boolean inputGradient) {
        MultiLayerNetwork m = net.net();
        Layer l = m.getLayer(layer);
        boolean output = layer == m.getnLayers() - 1;
        INDArray w = l.paramTable().get("W");
        INDArray standIn = w == null ? null : down.weights(layer, w);
        INDArray below = output ? net.backpropOutput(labels) : net.backprop(layer, layer, eps);
        if (!inputGradient) {
            return null;
        }
        if (standIn == w) {
            return below;
        }
        if (!(l instanceof DenseLayer || l instanceof OutputLayer)) {
            throw new IllegalArgumentException(
                    "DL4J's layers pass signals through stand-in weights for dense layers only; " + "layer " + layer
                            + " is " + l.getClass().getSimpleName());
        }
        INDArray delta = output // the gradient at the pre-activation
                ? error
                : ((BaseLayer) l.conf().getLayer())
                        .getActivationFn()
                        .backprop(l.input().mmul(w).addiRowVector(l.getParam("b")), eps.dup())
                        .getFirst();
        INDArray passed = delta.mmul(standIn.transpose());
        GradientMask mask = net.gradientMask(layer);
        return mask == null ? passed : passed.muli(mask.mask(layer + "_signal", passed.shape()));
    }

    @Override
    public void forEachBlock(int n, IntConsumer task) {
        for (int block = n - 1; block >= 0; block--) {
            task.accept(block);
        }
    }

    @Override
    public void update(int iteration, int epoch, int batch) {
        MultiLayerNetwork m = net.net();
        INDArray gradients = m.getGradientsViewArray();
        m.getUpdater().update(m, new DefaultGradient(gradients), iteration, epoch, batch, workspaces);
        m.params().subi(gradients.reshape(m.params().shape()));
    }

    @Override
    public String describe() {
        return reason == null ? "DL4J layers" : "DL4J layers (" + reason + ")";
    }
}
