package ai.dfalab.train.engine;

import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network cut into blocks at its feedback points, able to run a training step's passes: the forward pass, then
 * each block's backward pass from the signal at its output. Block {@code k < points()} ends at feedback point
 * {@code k}; block {@code points()} ends at the output layer and learns from the true gradient. The {@link Engine}
 * runs them; so do DL4J's own layers, the reference the engine is tested against.
 */
public interface BlockPasses {

    int points();

    /** A training-mode forward pass of {@code x} (one row per sample) against one-hot {@code labels}; the softmax output. */
    INDArray forward(INDArray x, INDArray labels, int iteration, int epoch);

    /**
     * An inference-mode forward pass of {@code x} (dropout off, batch norm on its running statistics), any number of
     * samples; the softmax output. {@link #logits()} then holds its logits.
     */
    INDArray output(INDArray x);

    /** The pre-softmax output {@code a_N} of the last forward pass, {@code batch x classes} (overwritten by the next). */
    INDArray logits();

    /** {@code e = softmax(a_N) - y} of the last forward pass, {@code batch x classes}. */
    INDArray error();

    /** An array for feedback point {@code point}'s signal, {@code batch x l_i} (a sample's entries in C order). */
    INDArray signal(int point);

    /**
     * Block {@code block}'s backward pass from {@code signal} at its output ({@code batch x l_i}; ignored for the last
     * block, which starts from the true gradient): its parameters' gradients, and their steps under plain SGD. Every
     * weight layer passes its signal on through {@code down}'s weights. With {@code inputGradient}, returns the
     * gradient at the block's input ({@code batch x l_{i-1}}, for the block below); else null.
     */
    INDArray backward(int block, INDArray signal, Downward down, boolean inputGradient);

    /** {@code task} for blocks {@code n - 1} down to 0: at once where the passes allow it (backward unlocking). */
    void forEachBlock(int n, IntConsumer task);

    /** Ends the step: DL4J's updater applies the gradients (other than plain SGD's, already taken). */
    void update(int iteration, int epoch, int batch);

    /** How these passes run, for a run's first line and its provenance. */
    String describe();
}
