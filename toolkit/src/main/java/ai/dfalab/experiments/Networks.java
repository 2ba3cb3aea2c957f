package ai.dfalab.experiments;

import ai.dfalab.models.FcNetworks;
import ai.dfalab.train.BlockNetwork;
import java.util.List;

/** The networks a {@link RunSpec} can name, built from it. */
public final class Networks {
    /** Model names a run spec accepts. */
    public static final List<String> MODELS = List.of("fc3x800");

    private Networks() {
    }

    /** The network {@code spec} trains, initialised from its seed and cut into DFA blocks. */
    public static BlockNetwork build(RunSpec spec) {
        return switch (spec.model()) {
            case "fc3x800" -> FcNetworks.build(spec.toModel());
            default -> throw new IllegalArgumentException("unknown model '" + spec.model() + "': expected one of " + MODELS);
        };
    }
}
