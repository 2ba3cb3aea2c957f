package ai.dfalab.models;

import ai.dfalab.data.DatasetName;
import ai.dfalab.data.StreamedImageNet;
import java.nio.file.Path;
import org.nd4j.linalg.learning.config.IUpdater;

/** The network a {@link ModelSpec} describes, for a data set, built and cut into DFA blocks. */
public final class Networks {
    private Networks() {}

    /**
     * The network {@code model} describes for {@code dataset}'s inputs and classes, initialised from {@code seed},
     * every layer with {@code updater}; with {@code headByBp} the last hidden block has no feedback point. ImageNet's
     * classes are its wnid folders under {@code dataRoot}.
     */
    public static BlockNetwork build(ModelSpec model, DatasetName dataset, IUpdater updater, long seed, Path dataRoot) {
        Architecture a = model.architecture();
        if (dataset == DatasetName.IMAGENET && !a.takes224()) {
            throw new IllegalArgumentException(
                    "model " + a + " does not take ImageNet's 224x224 images: expected one of "
                            + java.util.Arrays.stream(Architecture.values())
                                    .filter(Architecture::takes224)
                                    .toList());
        }
        BlockNetwork net = switch (a) {
            case FC3X800 -> FcNetworks.build(fc(model, dataset, updater, seed));
            case CNN -> ConvNetworks.build(cnn(model, dataset, updater, seed));
            case TINY224 -> Tiny224.build(seed, model.init(), updater, rgbClasses(a, dataset, dataRoot));
            default ->
                Vgg16.build((a.takes224()
                                ? VggSpec.imageNet(rgbClasses(a, dataset, dataRoot))
                                : VggSpec.small(rgbClasses(a, dataset, dataRoot)))
                        .withWidthDivisor(a.widthDivisor())
                        .withInit(model.init())
                        .withUpdater(updater)
                        .withSeed(seed));
        };
        return model.headByBp() && a != Architecture.CNN ? net.withoutLastPoint() : net; // the CNN's spec carries it
    }

    private static FcSpec fc(ModelSpec m, DatasetName dataset, IUpdater updater, long seed) {
        FcSpec spec = (dataset == DatasetName.MNIST ? FcSpec.fc3x800Mnist() : FcSpec.fc3x800Cifar10())
                .withClasses(dataset.classes())
                .withActivation(m.activation())
                .withBatchNorm(m.batchNorm())
                .withDropout(m.inputDropout(), m.hiddenDropout())
                .withInit(m.init())
                .withUpdater(updater)
                .withSeed(seed);
        return m.bottleneckK() >= 0 ? spec.withBottleneck(1, m.bottleneckK()) : spec;
    }

    /** Table 4's CNN (CIFAR 3x32x32, or MNIST 1x28x28): spatial dropout on the input, element-wise on the 128 units. */
    static CnnSpec cnn(ModelSpec m, DatasetName dataset, IUpdater updater, long seed) {
        CnnSpec spec = dataset == DatasetName.MNIST ? CnnSpec.table4().withInput(1, 28) : CnnSpec.table4();
        return spec.withClasses(dataset.classes())
                .withActivation(m.activation())
                .withBatchNorm(m.batchNorm())
                .withDropout(m.inputDropout(), 0, m.hiddenDropout())
                .withHeadByBp(m.headByBp())
                .withInit(m.init())
                .withUpdater(updater)
                .withSeed(seed);
    }

    /** Classes of an RGB data set: CIFAR-10/100, or ImageNet's wnid folders under {@code dataRoot}. */
    private static int rgbClasses(Architecture a, DatasetName dataset, Path dataRoot) {
        return switch (dataset) {
            case CIFAR10, CIFAR100 -> dataset.classes();
            case IMAGENET -> StreamedImageNet.classes(dataRoot);
            case MNIST ->
                throw new IllegalArgumentException("model " + a + " takes RGB images; data set " + dataset
                        + " has none (VGG-16 here: CIFAR-10, CIFAR-100 or ImageNet)");
        };
    }
}
