package ai.dfalab.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/** What every network of the toolkit shares before its layers: seed, data type, updater, and no DL4J workspaces. */
final class Configs {
    private Configs() {}

    /**
     * A configuration builder with workspaces off: the DFA step drives the layers' backward passes itself, outside
     * the workspace scopes DL4J's own {@code fit} opens.
     */
    static NeuralNetConfiguration.Builder base(long seed, DataType type, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
    }
}
