package ai.dfalab.train;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct Feedback Alignment (eq. 3): the last block learns from its true gradient; every hidden block {@code i}
 * learns from {@code t_i = B_i e}, {@code e = softmax(a_N) - y}, through its own layers' local derivatives,
 * {@code dW_i = -[(B_i e) ⊙ f'(a_i)] h_{i-1}^T}. No signal crosses from one block to the one before it, so the
 * blocks' backward passes may run at once.
 */
public record DirectFeedbackAlignment(Feedback feedback, SignalScale scale) implements TrainingRule {
    @Override
    public INDArray signal(int point, INDArray e, INDArray passedDown, INDArray out) {
        feedback.project(point, e, out, scale.factor(e.size(0))); // t_i = B_i e
        return out;
    }

    @Override
    public boolean passesDown() {
        return false;
    }

    @Override
    public void check(BlockNetwork net) {
        if (feedback.points() != net.points() || feedback.errorSize() != net.classes()) {
            throw new IllegalArgumentException("feedback has " + feedback.points() + " points for "
                    + feedback.errorSize() + " classes, the network " + net.points() + " points for " + net.classes());
        }
        for (int i = 0; i < net.points(); i++) {
            if (feedback.size(i) != net.pointSize(i)) {
                throw new IllegalArgumentException("feedback point " + i + " has size " + feedback.size(i)
                        + ", the network's " + net.pointSize(i));
            }
        }
    }

    @Override
    public String name() {
        return "dfa";
    }
}
