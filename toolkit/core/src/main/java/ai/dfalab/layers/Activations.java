package ai.dfalab.layers;

import java.util.Locale;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The paper's activations by name: {@code tanh}, {@code relu}, {@code lrelu:SLOPE} (any slope, -0.5 too), {@code abs}. */
public final class Activations {
    private Activations() {}

    public static IActivation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("tanh")) {
            return new ActivationTanH();
        }
        if (n.equals("relu")) {
            return new ActivationReLU();
        }
        if (n.equals("abs")) {
            return new ActivationAbs();
        }
        if (n.startsWith("lrelu:")) {
            try {
                return new ActivationLReLU(Double.parseDouble(n.substring("lrelu:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "activation '" + name + "': the slope after 'lrelu:' is not a number");
            }
        }
        throw new IllegalArgumentException(
                "unknown activation '" + name + "': expected tanh, relu, lrelu:SLOPE or abs");
    }
}
