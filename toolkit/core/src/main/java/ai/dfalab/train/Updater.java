package ai.dfalab.train;

import ai.dfalab.choice.Choice;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** The DL4J updaters a run can name: plain SGD (the paper's), and DL4J's others with their default settings. */
public enum Updater implements Choice {
    SGD(Sgd::new),
    /** Nesterov momentum 0.9 (also accepted as {@code momentum}). */
    NESTEROVS(lr -> new Nesterovs(lr, 0.9)),
    ADAM(Adam::new),
    RMSPROP(RmsProp::new),
    ADAGRAD(AdaGrad::new);

    private final DoubleFunction<IUpdater> create;

    Updater(DoubleFunction<IUpdater> create) {
        this.create = create;
    }

    /** DL4J's configuration of this updater at {@code learningRate}. */
    public IUpdater create(double learningRate) {
        return create.apply(learningRate);
    }

    @JsonValue
    @Override
    public String id() {
        return Choice.super.id();
    }

    /** By id, in any case; {@code momentum} names {@link #NESTEROVS}. */
    @JsonCreator
    public static Updater parse(String id) {
        return id.strip().equalsIgnoreCase("momentum") ? NESTEROVS : Choice.parse(Updater.class, "updater", id);
    }

    @Override
    public String toString() {
        return id();
    }
}
