package ai.dfalab.models;

import ai.dfalab.layers.Init;
import ai.dfalab.layers.WeightInitializer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What every network of the toolkit shares: seed, data type, updater and no DL4J workspaces before its layers; a
 * softmax output layer with cross-entropy; initialisation and the cut into blocks after them.
 */
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

    /** The softmax output layer over {@code classes} with DL4J's cross-entropy (MCXENT) that every network ends with. */
    static OutputLayer.Builder softmaxOutput(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX);
    }

    /**
     * The network {@code conf} describes, initialised by {@code init} from {@code seed}, cut into blocks at the layers
     * {@code points}, taking {@code inputs} features per sample.
     */
    static BlockNetwork blocks(MultiLayerConfiguration conf, Init init, long seed, List<Integer> points, long inputs) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        WeightInitializer.initialize(net, init, seed);
        return new BlockNetwork(net, points.stream().mapToInt(Integer::intValue).toArray(), new long[] {inputs});
    }
}
