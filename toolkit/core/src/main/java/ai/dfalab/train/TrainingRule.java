package ai.dfalab.train;

import ai.dfalab.models.BlockNetwork;
import ai.dfalab.train.engine.Downward;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learning rule: the signal each feedback point receives. The last block always learns from the true gradient;
 * every other block turns its point's signal into weight updates through its own layers' local derivatives (that part
 * is the same for every rule: {@link Learner}). Signals are {@code batch x l_i}, a sample's entries in C order.
 */
public interface TrainingRule extends Downward {

    /**
     * Feedback point {@code point}'s signal, given the global error {@code e} ({@code batch x classes}) and, for a rule
     * that {@linkplain #passesDown passes signals down}, the gradient the block above passed to this point. Returns
     * either that gradient or {@code out}, written.
     */
    INDArray signal(int point, INDArray e, INDArray passedDown, INDArray out);

    /**
     * Whether each block passes a signal to the block below (BP, FA); if not (DFA), every block's signal depends on
     * {@code e} alone and the blocks' backward passes may run at once (backward unlocking).
     */
    boolean passesDown();

    /** Through which weights a weight layer passes its signal down: its own (the default), or FA's fixed matrices. */
    @Override
    default INDArray weights(int layer, INDArray w) {
        return w;
    }

    /** Fails unless this rule fits {@code net} (its feedback matches the network's points). */
    default void check(BlockNetwork net) {}

    /** Short name for tables and logs. */
    String name();
}
