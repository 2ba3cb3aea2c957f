package ai.dfalab.train;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step: the rule's gradients, then the network's DL4J updater (plain SGD in the paper, any DL4J
 * updater otherwise), exactly as DL4J's own {@code fit} applies it.
 */
public final class Learner {
    private final BlockNetwork net;
    private final TrainingRule rule;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private int epoch;

    public Learner(BlockNetwork net, TrainingRule rule) {
        this.net = net;
        this.rule = rule;
    }

    public BlockNetwork network() {
        return net;
    }

    public TrainingRule rule() {
        return rule;
    }

    /** Trains on one batch ({@code x}: batch x features, {@code labels}: one-hot); returns the softmax output. */
    public INDArray step(INDArray x, INDArray labels) {
        MultiLayerNetwork m = net.net();
        INDArray output = rule.computeGradients(net, x, labels);
        INDArray gradients = m.getGradientsViewArray();
        m.getUpdater().update(m, new DefaultGradient(gradients), m.getIterationCount(), epoch, (int) x.size(0), workspaces);
        m.params().subi(gradients.reshape(m.params().shape()));
        m.setIterationCount(m.getIterationCount() + 1);
        return output;
    }

    /** Epoch counter handed to DL4J's updater (for schedules). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        net.net().setEpochCount(epoch);
    }
}
