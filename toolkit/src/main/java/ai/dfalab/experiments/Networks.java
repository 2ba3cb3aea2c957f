package ai.dfalab.experiments;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.models.ConvNetworks;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.Tiny224;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.train.BlockNetwork;
import java.nio.file.Path;
import java.util.List;

/** The networks a {@link RunSpec} can name, built from it. */
public final class Networks {
    /**
     * Model names a run spec accepts: the paper's FC 3x800, Table 4's CNN, VGG-16 (224x224: ImageNet, or CIFAR images
     * through {@link InputPipeline}'s Table 3 scaling) and its 32x32 variant; {@code -wN}: {@code 1/N} of the filters in
     * every convolution, for CPU-scale runs; {@code tiny224}: a tiny 224x224 network for pipeline checks and tests ({@link Tiny224}).
     */
    public static final List<String> MODELS = List.of("fc3x800", "cnn", "vgg16", "vgg16-w2", "vgg16-w4", "vgg16-w8", "vgg16-small",
            "vgg16-small-w2", "vgg16-small-w4", "vgg16-small-w8", Tiny224.NAME);

    private Networks() {
    }

    /**
     * The network {@code spec} trains, initialised from its seed and cut into DFA blocks; with {@code headByBp} the
     * last hidden block has no feedback point (it learns by BP through the output layer). ImageNet's classes are read
     * from the data folder under {@link DataLocation#root()}.
     */
    public static BlockNetwork build(RunSpec spec) {
        return build(spec, DataLocation.root());
    }

    /** As {@link #build(RunSpec)}, ImageNet's classes read under the data root {@code dataRoot}. */
    public static BlockNetwork build(RunSpec spec, Path dataRoot) {
        if (spec.dataset() == DatasetName.IMAGENET && !takes224(spec.model())) {
            throw new IllegalArgumentException("model " + spec.model() + " does not take ImageNet's 224x224 images: expected"
                    + " vgg16, vgg16-w2, vgg16-w4, vgg16-w8 or " + Tiny224.NAME);
        }
        if (spec.model().equals("cnn")) {
            return ConvNetworks.build(spec.toCnn());   // its spec carries headByBp
        }
        BlockNetwork net = switch (spec.model()) {
            case "fc3x800" -> FcNetworks.build(spec.toModel());
            case "vgg16", "vgg16-w2", "vgg16-w4", "vgg16-w8" ->
                    Vgg16.build(vgg(spec, VggSpec.imageNet(classes(spec, dataRoot))).withWidthDivisor(widthDivisor(spec.model())));
            case "vgg16-small", "vgg16-small-w2", "vgg16-small-w4", "vgg16-small-w8" ->
                    Vgg16.build(vgg(spec, VggSpec.small(classes(spec, dataRoot))).withWidthDivisor(widthDivisor(spec.model())));
            case Tiny224.NAME -> Tiny224.build(spec.seed(), spec.init(), Updaters.create(spec.updater(), spec.learningRate()), classes(spec, dataRoot));
            default -> throw new IllegalArgumentException("unknown model '" + spec.model() + "': expected one of " + MODELS);
        };
        return spec.headByBp() ? net.withoutLastPoint() : net;
    }

    private static VggSpec vgg(RunSpec spec, VggSpec base) {
        return base.withInit(spec.init()).withUpdater(Updaters.create(spec.updater(), spec.learningRate())).withSeed(spec.seed());
    }

    /** Whether {@code model} takes 224x224 images. */
    public static boolean takes224(String model) {
        return model.equals("vgg16") || model.startsWith("vgg16-w") || model.equals(Tiny224.NAME);
    }

    private static int widthDivisor(String model) {
        int w = model.lastIndexOf("-w");
        return w < 0 ? 1 : Integer.parseInt(model.substring(w + 2));
    }

    /**
     * Classes of the data set an RGB network trains on: CIFAR-10/100 (32x32 images, scaled to 224 for the 224x224
     * networks), or ImageNet's wnid folders under {@code dataRoot} (1000 for ILSVRC-2012, fewer for a subset).
     */
    private static int classes(RunSpec spec, Path dataRoot) {
        return switch (spec.dataset()) {
            case CIFAR10 -> 10;
            case CIFAR100 -> 100;
            case IMAGENET -> StreamedImageNet.classes(dataRoot);
            case MNIST -> throw new IllegalArgumentException("model " + spec.model() + " takes RGB images; data set " + spec.dataset()
                    + " has none (VGG-16 here: CIFAR-10, CIFAR-100 or ImageNet)");
        };
    }
}
