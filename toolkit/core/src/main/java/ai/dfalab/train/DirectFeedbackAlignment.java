package ai.dfalab.train;

import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct Feedback Alignment (eq. 3): the last block learns from its true gradient; every hidden block {@code i}
 * learns from {@code t_i = B_i e}, {@code e = softmax(a_N) - y}, through its own layers' local derivatives,
 * {@code dW_i = -[(B_i e) ⊙ f'(a_i)] h_{i-1}^T}. No signal crosses from one block to the one before it.
 */
public final class DirectFeedbackAlignment implements TrainingRule {
    private static final Cleaner CLEANER = Cleaner.create();
    private final Feedback feedback;
    private final SignalScale scale;
    private final ExecutorService blocks;

    public DirectFeedbackAlignment(Feedback feedback, SignalScale scale) {
        this(feedback, scale, 0);
    }

    /**
     * With {@code blockThreads > 0}, the blocks' backward passes run at once on that many threads once {@code e} is
     * known (backward unlocking: no block waits for another); the update is the sequential one.
     */
    public DirectFeedbackAlignment(Feedback feedback, SignalScale scale, int blockThreads) {
        if (blockThreads < 0) {
            throw new IllegalArgumentException("blockThreads must be >= 0, got " + blockThreads);
        }
        this.feedback = feedback;
        this.scale = scale;
        this.blocks = blockThreads == 0
                ? null
                : Executors.newFixedThreadPool(blockThreads, r -> {
                    Thread t = new Thread(r, "dfa-layer-block");
                    t.setDaemon(true);
                    return t;
                });
        if (blocks != null) {
            CLEANER.register(this, blocks::shutdown);
        }
    }

    /** Whether block updates run concurrently. */
    public boolean concurrent() {
        return blocks != null;
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
        double alpha = scale.factor(x.size(0));
        List<Runnable> updates = new ArrayList<>();
        updates.add(() -> net.updateGradients(net.blockStart(last), net.blockEnd(last) - 1, signal));
        for (int i = 0; i < last; i++) {
            INDArray t = Nd4j.createUninitialized(e.dataType(), e.size(0), feedback.size(i));
            feedback.project(i, e, t, alpha); // t_i = B_i e
            int block = i;
            updates.add(
                    () -> net.updateGradients(net.blockStart(block), net.blockEnd(block), net.toPointShape(block, t)));
        }
        if (blocks == null) {
            updates.forEach(Runnable::run);
        } else {
            runAll(updates);
        }
        return output;
    }

    /** Every block's backward pass at once: each touches only its own layers and its slice of the gradient view. */
    private void runAll(List<Runnable> updates) {
        List<Future<?>> running =
                updates.stream().<Future<?>>map(blocks::submit).toList();
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a concurrent DFA step", ex);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        }
    }

    private void checkShape(BlockNetwork net) {
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
