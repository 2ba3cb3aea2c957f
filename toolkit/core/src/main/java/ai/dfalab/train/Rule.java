package ai.dfalab.train;

import ai.dfalab.choice.Choice;
import ai.dfalab.feedback.Feedback;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import com.fasterxml.jackson.annotation.JsonValue;

/** The learning rules a run can name. */
public enum Rule implements Choice {
    /** Backpropagation (eq. 2). */
    BP,
    /** Feedback alignment: BP through fixed random matrices (dense stacks only). */
    FA,
    /** Direct feedback alignment (eq. 3): every feedback point learns from {@code B_i e}. */
    DFA;

    /** The rule for {@code net}: DFA projects through {@code feedback} scaled by {@code scale}; FA draws its matrices from {@code seed}. */
    public TrainingRule create(BlockNetwork net, Feedback feedback, SignalScale scale, long seed) {
        return switch (this) {
            case BP -> new Backprop();
            case FA -> new FeedbackAlignment(net, seed);
            case DFA -> new DirectFeedbackAlignment(feedback, scale);
        };
    }

    @JsonValue
    @Override
    public String id() {
        return Choice.super.id();
    }

    /** By id, in any case (JSON reads the id itself, through {@link #id}). */
    public static Rule parse(String id) {
        return Choice.parse(Rule.class, "rule", id);
    }

    @Override
    public String toString() {
        return id();
    }
}
