package ai.dfalab.models;

import ai.dfalab.backend.NativeMemory;
import ai.dfalab.layers.GradientMask;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link MultiLayerNetwork} cut into blocks at its feedback points. Block {@code k} is the run of DL4J layers
 * that ends at feedback point {@code k} (activation, batch norm, dropout and pooling included); the last block ends
 * at the output layer. Runs the forward pass and each block's backward pass with DL4J's own layer derivatives.
 */
public final class BlockNetwork {
    private final MultiLayerNetwork net;
    private final int[] pointLayers;
    private final long[][] pointShapes;
    private final long[] inputShape;
    private final Map<Integer, GradientMask> masks = new HashMap<>();
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();

    /**
     * @param net         an initialised network whose last layer is a softmax output layer
     * @param pointLayers DL4J layer indices whose outputs are feedback points, ascending
     * @param inputShape  shape of one input sample as the network takes it (e.g. {@code {3072}} or {@code {3,32,32}})
     */
    public BlockNetwork(MultiLayerNetwork net, int[] pointLayers, long[] inputShape) {
        this.net = net;
        this.pointLayers = pointLayers.clone();
        this.inputShape = inputShape.clone();
        for (int i = 0; i < pointLayers.length; i++) {
            if (pointLayers[i] < 0
                    || pointLayers[i] >= net.getnLayers() - 1
                    || (i > 0 && pointLayers[i] <= pointLayers[i - 1])) {
                throw new IllegalArgumentException("feedback points " + Arrays.toString(pointLayers)
                        + " must be ascending layer indices below the output layer " + (net.getnLayers() - 1));
            }
        }
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        this.pointShapes = new long[pointLayers.length][];
        long[] probe = new long[inputShape.length + 1];
        probe[0] = 1;
        System.arraycopy(inputShape, 0, probe, 1, inputShape.length);
        INDArray a = Nd4j.zeros(net.params().dataType(), probe);
        int next = 0;
        for (int layer = 0; layer < net.getnLayers() - 1 && next < pointLayers.length; layer++) {
            a = activate(layer, a, false);
            if (layer == pointLayers[next]) {
                pointShapes[next++] = Arrays.copyOfRange(a.shape(), 1, a.rank());
            }
        }
    }

    private BlockNetwork(BlockNetwork whole, int points) {
        this.net = whole.net;
        this.pointLayers = Arrays.copyOf(whole.pointLayers, points);
        this.pointShapes = Arrays.copyOf(whole.pointShapes, points);
        this.inputShape = whole.inputShape;
        this.masks.putAll(whole.masks);
    }

    /**
     * The same network (shared, not copied) without its last feedback point: the last hidden block then learns by
     * BP through the output layer, as the authors' CNN code trains its classifier ({@code RunSpec.headByBp}).
     */
    public BlockNetwork withoutLastPoint() {
        if (pointLayers.length == 0) {
            throw new IllegalStateException("the network has no feedback point to remove");
        }
        return new BlockNetwork(this, pointLayers.length - 1);
    }

    public MultiLayerNetwork net() {
        return net;
    }

    /** Shape of one input sample as the network takes it (e.g. {@code {3072}}). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** Number of feedback points (hidden blocks). */
    public int points() {
        return pointLayers.length;
    }

    /** DL4J layer index whose output is feedback point {@code point}. */
    public int pointLayer(int point) {
        return pointLayers[point];
    }

    /** Per-sample shape of feedback point {@code point} (e.g. {@code {800}} or {@code {32,15,15}}). */
    public long[] pointShape(int point) {
        return pointShapes[point].clone();
    }

    /** Size {@code l_i} of feedback point {@code point}: its per-sample shape flattened (C order). */
    public int pointSize(int point) {
        return (int) Arrays.stream(pointShapes[point]).reduce(1, (x, y) -> x * y);
    }

    /** All {@code l_i}, from the input side. */
    public int[] pointSizes() {
        int[] sizes = new int[points()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = pointSize(i);
        }
        return sizes;
    }

    /** Number of classes {@code e}. */
    public int classes() {
        return (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
    }

    /** First DL4J layer of block {@code block} (blocks {@code 0..points()}; the last one ends at the output). */
    public int blockStart(int block) {
        return block == 0 ? 0 : pointLayers[block - 1] + 1;
    }

    /** Last DL4J layer of block {@code block}. */
    public int blockEnd(int block) {
        return block == points() ? net.getnLayers() - 1 : pointLayers[block];
    }

    /** Multiplies every gradient tensor of DL4J layer {@code layer}, and the signal it passes down, by a fixed mask. */
    public void maskGradients(int layer, GradientMask mask) {
        masks.put(layer, mask);
    }

    /** The fixed gradient mask of DL4J layer {@code layer}, or null. */
    public GradientMask gradientMask(int layer) {
        return masks.get(layer);
    }

    /** Forward pass; in training mode the layers keep what their backward pass needs. Returns the softmax output. */
    public INDArray forward(INDArray x, boolean train) {
        INDArray a = x;
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            a = activate(layer, a, train);
        }
        return a;
    }

    /**
     * The output layer's pre-softmax values for the input of the latest forward pass, {@code h W + b} (one small
     * product): what a numerically stable loss needs, since the softmax output underflows to 0.
     */
    public INDArray outputLogits() {
        Layer out = net.getLayer(net.getnLayers() - 1);
        INDArray logits = out.input().mmul(out.getParam("W"));
        INDArray bias = out.getParam("b"); // absent where the layer was built with hasBias(false)
        return bias == null ? logits : logits.addiRowVector(bias);
    }

    /** Forward pass through DL4J layers {@code 0..layer}; returns that layer's output. */
    public INDArray forwardTo(int layer, INDArray x, boolean train) {
        INDArray a = x;
        for (int l = 0; l <= layer; l++) {
            a = activate(l, a, train);
        }
        return a;
    }

    private INDArray activate(int layer, INDArray input, boolean train) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(layer);
        INDArray in = pre == null ? input : pre.preProcess(input, (int) input.size(0), workspaces);
        NativeMemory.collectIfNeeded();
        return net.getLayer(layer).activate(in, train, workspaces);
    }

    /**
     * Backward pass of the output layer from the labels (its true gradient, summed over the batch, into the
     * network's gradient view). Returns the gradient at the output layer's input.
     */
    public INDArray backpropOutput(INDArray labels) {
        int last = net.getnLayers() - 1;
        IOutputLayer out = (IOutputLayer) net.getLayer(last);
        out.setLabels(labels);
        return backpropLayer(last, null);
    }

    /**
     * Backward pass through DL4J layers {@code to} down to {@code from} (inclusive) from the gradient {@code signal} at
     * the output of layer {@code to}; weight gradients go to the network's gradient view. Returns the gradient at
     * the input of layer {@code from}.
     */
    public INDArray backprop(int from, int to, INDArray signal) {
        INDArray eps = signal;
        for (int layer = to; layer >= from; layer--) {
            eps = backpropLayer(layer, eps);
        }
        return eps;
    }

    private INDArray backpropLayer(int layer, INDArray eps) {
        NativeMemory.collectIfNeeded();
        Pair<Gradient, INDArray> result = net.getLayer(layer).backpropGradient(eps, workspaces);
        GradientMask mask = masks.get(layer);
        if (mask != null) {
            for (Map.Entry<String, INDArray> g :
                    result.getFirst().gradientForVariable().entrySet()) {
                g.getValue()
                        .muli(mask.mask(layer + "_" + g.getKey(), g.getValue().shape()));
            }
        }
        INDArray down = result.getSecond();
        if (down == null) {
            return null;
        }
        if (mask != null) {
            down = down.mul(mask.mask(layer + "_signal", down.shape()));
        }
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(layer);
        return pre == null ? down : pre.backprop(down, (int) down.size(0), workspaces);
    }

    /** Reshapes a {@code batch x l_i} signal to point {@code point}'s activation shape. */
    public INDArray toPointShape(int point, INDArray flat) {
        long[] shape = new long[pointShapes[point].length + 1];
        shape[0] = flat.size(0);
        System.arraycopy(pointShapes[point], 0, shape, 1, pointShapes[point].length);
        return shape.length == 2 ? flat : flat.reshape('c', shape);
    }
}
