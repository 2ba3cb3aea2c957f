package ai.dfalab.train;

import ai.dfalab.feedback.Feedback;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct Feedback Alignment (eq. 3): the last block learns from its true gradient; every hidden block {@code i}
 * learns from {@code t_i = B_i e}, {@code e = softmax(a_N) - y}, through its own layers' local derivatives,
 * {@code dW_i = -[(B_i e) ⊙ f'(a_i)] h_{i-1}^T}. No signal crosses from one block to the one before it.
 */
public final class DirectFeedbackAlignment implements TrainingRule {
    private final Feedback feedback;
    private final SignalScale scale;

    public DirectFeedbackAlignment(Feedback feedback, SignalScale scale) {
        this.feedback = feedback;
        this.scale = scale;
    }

    public Feedback feedback() {
        return feedback;
    }

    public SignalScale scale() {
        return scale;
    }

    @Override
    public INDArray computeGradients(BlockNetwork net, INDArray x, INDArray labels) {
        checkShape(net);
        INDArray output = net.forward(x, true);
        INDArray e = output.sub(labels);
        int last = net.points();
        INDArray signal = net.backpropOutput(labels);
        net.backprop(net.blockStart(last), net.blockEnd(last) - 1, signal);
        double alpha = scale.factor(x.size(0));
        for (int i = 0; i < last; i++) {
            INDArray t = Nd4j.createUninitialized(e.dataType(), e.size(0), feedback.size(i));
            feedback.project(i, e, t, alpha);
            net.backprop(net.blockStart(i), net.blockEnd(i), net.toPointShape(i, t));
        }
        return output;
    }

    private void checkShape(BlockNetwork net) {
        if (feedback.points() != net.points() || feedback.errorSize() != net.classes()) {
            throw new IllegalArgumentException("feedback has " + feedback.points() + " points for " + feedback.errorSize()
                    + " classes, the network " + net.points() + " points for " + net.classes());
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
