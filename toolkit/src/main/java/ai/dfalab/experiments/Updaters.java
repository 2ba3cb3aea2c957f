package ai.dfalab.experiments;

import java.util.Locale;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** DL4J updaters by name: plain SGD (the paper's), and DL4J's others with their default settings. */
public final class Updaters {
    private Updaters() {
    }

    public static IUpdater create(String name, double learningRate) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(learningRate);
            case "momentum", "nesterovs" -> new Nesterovs(learningRate, 0.9);
            case "adam" -> new Adam(learningRate);
            case "rmsprop" -> new RmsProp(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            default -> throw new IllegalArgumentException("unknown updater '" + name
                    + "': expected sgd, nesterovs, adam, rmsprop or adagrad");
        };
    }
}
