package ai.dfalab.experiments;

import ai.dfalab.data.DatasetName;
import ai.dfalab.models.ConvNetworks;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.models.Vgg16;
import ai.dfalab.models.VggSpec;
import ai.dfalab.train.BlockNetwork;
import java.util.List;

/** The networks a {@link RunSpec} can name, built from it. */
public final class Networks {
    /**
     * Model names a run spec accepts: the paper's FC 3x800, Table 4's CNN, VGG-16 (224x224) and its 32x32 variant;
     * {@code vgg16-small-wN}: the 32x32 VGG-16 with {@code 1/N} of the filters in every convolution, for CPU-scale runs.
     */
    public static final List<String> MODELS = List.of("fc3x800", "cnn", "vgg16", "vgg16-small", "vgg16-small-w2", "vgg16-small-w4",
            "vgg16-small-w8");

    private Networks() {
    }

    /**
     * The network {@code spec} trains, initialised from its seed and cut into DFA blocks; with {@code headByBp} the
     * last hidden block has no feedback point (it learns by BP through the output layer).
     */
    public static BlockNetwork build(RunSpec spec) {
        if (spec.model().equals("cnn")) {
            return ConvNetworks.build(spec.toCnn());   // its spec carries headByBp
        }
        BlockNetwork net = switch (spec.model()) {
            case "fc3x800" -> FcNetworks.build(spec.toModel());
            case "vgg16" -> Vgg16.build(vgg(spec, VggSpec.imageNet(vggClasses(spec, 224))));
            case "vgg16-small" -> Vgg16.build(vgg(spec, VggSpec.small(vggClasses(spec, 32))));
            case "vgg16-small-w2", "vgg16-small-w4", "vgg16-small-w8" -> Vgg16.build(vgg(spec, VggSpec.small(vggClasses(spec, 32))
                    .withWidthDivisor(Integer.parseInt(spec.model().substring("vgg16-small-w".length())))));
            default -> throw new IllegalArgumentException("unknown model '" + spec.model() + "': expected one of " + MODELS);
        };
        return spec.headByBp() ? net.withoutLastPoint() : net;
    }

    private static VggSpec vgg(RunSpec spec, VggSpec base) {
        return base.withInit(spec.init()).withUpdater(Updaters.create(spec.updater(), spec.learningRate())).withSeed(spec.seed());
    }

    /** Classes of the data set a VGG-16 for {@code side x side} RGB images trains on; refuses data of another shape. */
    private static int vggClasses(RunSpec spec, int side) {
        if (spec.dataset() == DatasetName.CIFAR10 && side == 32) {
            return 10;
        }
        throw new IllegalArgumentException("model " + spec.model() + " takes 3x" + side + "x" + side + " images; data set "
                + spec.dataset() + " has no such pipeline here (vgg16-small: CIFAR-10; vgg16: CIFAR-100 scaled to 224 or ImageNet)");
    }
}
