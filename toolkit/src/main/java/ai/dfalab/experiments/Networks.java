package ai.dfalab.experiments;

import ai.dfalab.models.ConvNetworks;
import ai.dfalab.models.FcNetworks;
import ai.dfalab.train.BlockNetwork;
import java.util.List;

/** The networks a {@link RunSpec} can name, built from it. */
public final class Networks {
    /** Model names a run spec accepts. */
    public static final List<String> MODELS = List.of("fc3x800", "cnn");

    private Networks() {
    }

    /**
     * The network {@code spec} trains, initialised from its seed and cut into DFA blocks; with {@code headByBp} the
     * last hidden block has no feedback point (it learns by BP through the output layer).
     */
    public static BlockNetwork build(RunSpec spec) {
        return switch (spec.model()) {
            case "fc3x800" -> {
                BlockNetwork net = FcNetworks.build(spec.toModel());
                yield spec.headByBp() ? net.withoutLastPoint() : net;
            }
            case "cnn" -> ConvNetworks.build(spec.toCnn());
            default -> throw new IllegalArgumentException("unknown model '" + spec.model() + "': expected one of " + MODELS);
        };
    }
}
