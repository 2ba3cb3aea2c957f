package ai.dfalab.models;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * VGG-16 (configuration D of Simonyan and Zisserman) as an architecture description: its 13 convolutions (3x3,
 * padding 1, ReLU; 2x2 max pooling after blocks of 2, 2, 3, 3, 3) and 3 fully-connected layers (4096, 4096,
 * classes). Gives the size of every DFA feedback point without building the 138-million-weight network, and builds
 * it (or its small-input variant) as a DL4J network cut into DFA blocks.
 */
public final class Vgg16 {
    /** Output channels of the 13 convolutions; -1 marks a 2x2 max pooling. */
    private static final int[] CONFIG_D = {
        64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512, 512, -1
    };

    /** One layer with a feedback point: its name and the size of its output. */
    public record Point(String name, int channels, int height, int width) {
        public long size() {
            return (long) channels * height * width;
        }
    }

    private Vgg16() {}

    /**
     * The feedback points for {@code side x side} inputs: the output of each of the 13 convolutions (after its
     * activation) and of the 2 hidden fully-connected layers, as in the paper's Table 1.
     */
    public static List<Point> feedbackPoints(int side) {
        List<Point> points = new ArrayList<>();
        int s = side;
        int block = 1;
        int conv = 1;
        for (int c : CONFIG_D) {
            if (c < 0) {
                s /= 2;
                block++;
                conv = 1;
            } else {
                points.add(new Point("conv" + block + "_" + conv++, c, s, s));
            }
        }
        points.add(new Point("fc6", 4096, 1, 1));
        points.add(new Point("fc7", 4096, 1, 1));
        return points;
    }

    /** The sizes {@code l_i} of {@link #feedbackPoints}. */
    public static int[] feedbackSizes(int side) {
        return feedbackPoints(side).stream()
                .mapToInt(p -> Math.toIntExact(p.size()))
                .toArray();
    }

    /**
     * The feedback point sizes {@code l_i} of the network {@link #build} makes from {@code spec}, computed without
     * building it: 13 convolutional points ({@code C x H x W}, after pooling where a stage ends), then the 2 hidden
     * dense ones. (Table 1's {@link #feedbackSizes} counts every convolution before pooling, as the paper does.)
     */
    public static int[] blockPointSizes(VggSpec spec) {
        List<Integer> sizes = new ArrayList<>();
        int s = spec.side();
        int channels = 0;
        for (int c : CONFIG_D) {
            if (c < 0) {
                s /= 2;
                sizes.set(sizes.size() - 1, channels * s * s);
            } else {
                channels = c / spec.widthDivisor();
                sizes.add(channels * s * s);
            }
        }
        for (int units : spec.fcHidden()) {
            sizes.add(units);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Names of {@link #blockPointSizes}' points: {@code conv1_1 ... conv5_3} ({@code +pool} where pooled), fc6, fc7. */
    public static List<String> blockPointNames() {
        List<String> names = new ArrayList<>();
        for (Point p : feedbackPoints(32).subList(0, 13)) {
            names.add(p.name());
        }
        for (int i : new int[] {1, 3, 6, 9, 12}) {
            names.set(i, names.get(i) + "+pool");
        }
        names.add("fc6");
        names.add("fc7");
        return names;
    }

    /**
     * Builds {@code spec} as a network cut into DFA blocks: one block per convolution (conv 3x3 pad 1, ReLU, and the
     * 2x2 max pooling where a stage ends), then one per hidden fully-connected layer (ReLU). Feedback points at
     * each block's output: 13 convolutional ({@code C x H x W}, after pooling where the block pools) and 2 dense.
     * Inputs are rows of {@code 3 x side x side} features (CHW flattened, as the data sets give them).
     */
    public static BlockNetwork build(VggSpec spec) {
        NeuralNetConfiguration.ListBuilder layers =
                Configs.base(spec.seed(), DataType.FLOAT, spec.updater()).list();
        List<Integer> points = new ArrayList<>();
        int layer = 0;
        for (int c : CONFIG_D) {
            if (c < 0) {
                layers.layer(
                        layer,
                        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .kernelSize(2, 2)
                                .stride(2, 2)
                                .build());
                points.set(points.size() - 1, layer++); // the block's point moves behind its pooling
            } else {
                layers.layer(
                        layer,
                        new ConvolutionLayer.Builder(3, 3)
                                .stride(1, 1)
                                .padding(1, 1)
                                .nOut(c / spec.widthDivisor())
                                .activation(Activation.RELU)
                                .build());
                points.add(layer++);
            }
        }
        for (int units : spec.fcHidden()) {
            layers.layer(
                    layer,
                    new DenseLayer.Builder()
                            .nOut(units)
                            .activation(Activation.RELU)
                            .build());
            points.add(layer++);
        }
        layers.layer(layer, Configs.softmaxOutput(spec.classes()).build());
        layers.setInputType(InputType.convolutionalFlat(spec.side(), spec.side(), 3));
        return Configs.blocks(layers.build(), spec.init(), spec.seed(), points, spec.inputs());
    }
}
