package ai.dfalab.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** The DL4J updaters a run can name: plain SGD (the paper's), and DL4J's others with their default settings. */
public enum Updater {
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
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By id, in any case; {@code momentum} names {@link #NESTEROVS}. */
    @JsonCreator
    public static Updater parse(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        if (key.equals("momentum")) {
            return NESTEROVS;
        }
        return Arrays.stream(values())
                .filter(u -> u.id().equals(key))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown updater '" + id + "': expected one of " + ids()));
    }

    /** Every id, for help texts and errors. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Updater::id).toList());
    }

    @Override
    public String toString() {
        return id();
    }
}
