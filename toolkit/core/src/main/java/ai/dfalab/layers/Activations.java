package ai.dfalab.layers;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Activations by name: the paper's {@code tanh}, {@code relu}, {@code lrelu:SLOPE} (any finite slope, -0.5 too) and
 * {@code abs}, and any element-wise function {@linkplain #register registered} in code, a notebook's included. A
 * registered activation's canonical name carries a fingerprint of its values ({@code softsign#1a2b3c4d}), so runs
 * stored under a name are never reused for another function of the same name.
 */
public final class Activations {
    private static final String[] BUILT_IN = {"tanh", "relu", "abs", "lrelu:SLOPE"};
    private static final Map<String, Custom> REGISTERED = new ConcurrentHashMap<>();

    /** A registered activation: {@code f}, {@code f'} from the input and the output, and their fingerprint. */
    record Custom(DoubleUnaryOperator f, DoubleBinaryOperator derivative, String fingerprint) {}

    private Activations() {}

    /**
     * Makes {@code f} known as activation {@code name}, e.g. {@code register("softsign", x -> x / (1 + Math.abs(x)),
     * (x, y) -> (1 - Math.abs(y)) * (1 - Math.abs(y)))}; {@code derivative} gets the input {@code x} and the output
     * {@code y = f(x)}. Registering the name again replaces the function (its runs get a new fingerprint).
     *
     * @return the canonical name runs store, {@code name#fingerprint}
     */
    public static String register(String name, DoubleUnaryOperator f, DoubleBinaryOperator derivative) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!key.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "activation name '" + name + "': use letters, digits, '_' and '-', starting with a letter");
        }
        if (builtIn(key)) {
            throw new IllegalArgumentException("activation name '" + name + "' is built in: choose another");
        }
        Custom custom = new Custom(f, derivative, fingerprint(f, derivative));
        REGISTERED.put(key, custom);
        return key + "#" + custom.fingerprint();
    }

    /**
     * The one name of an activation: built-ins in lower case ({@code TANH} is {@code tanh}, {@code lrelu:-0.50} is
     * {@code lrelu:-0.5}), registered ones as {@code name#fingerprint} of the function registered now.
     */
    public static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("lrelu:")) {
            return "lrelu:" + slope(name, n);
        }
        if (builtIn(n)) {
            return n;
        }
        String key = n.contains("#") ? n.substring(0, n.indexOf('#')) : n;
        Custom custom = REGISTERED.get(key);
        if (custom == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "': expected "
                    + String.join(", ", BUILT_IN) + " or a name given to Activations.register"
                    + (REGISTERED.isEmpty() ? "" : " " + REGISTERED.keySet()));
        }
        String canonical = key + "#" + custom.fingerprint();
        if (n.contains("#") && !n.equals(canonical)) {
            throw new IllegalArgumentException("activation '" + name + "' was stored from another function than the '"
                    + key + "' registered now (" + canonical + ")");
        }
        return canonical;
    }

    /** DL4J's activation for {@code name} (any of the names {@link #canonical} accepts). */
    public static IActivation parse(String name) {
        String n = canonical(name);
        return switch (n) {
            case "tanh" -> new ActivationTanH();
            case "relu" -> new ActivationReLU();
            case "abs" -> new ActivationAbs();
            default ->
                n.startsWith("lrelu:")
                        ? new ActivationLReLU(Double.parseDouble(n.substring("lrelu:".length())))
                        : new ActivationRegistered(n);
        };
    }

    /** The registered function behind a canonical name, for {@link ActivationRegistered}. */
    static Custom registered(String canonical) {
        Custom custom = REGISTERED.get(canonical.substring(0, canonical.indexOf('#')));
        if (custom == null || !canonical.endsWith("#" + custom.fingerprint())) {
            throw new IllegalStateException("activation " + canonical + " is not registered in this JVM: register it"
                    + " with Activations.register before building the network");
        }
        return custom;
    }

    private static boolean builtIn(String n) {
        return n.equals("tanh") || n.equals("relu") || n.equals("abs") || n.equals("lrelu");
    }

    private static double slope(String name, String n) {
        try {
            double slope = Double.parseDouble(n.substring("lrelu:".length()));
            if (!Double.isFinite(slope)) {
                throw new NumberFormatException();
            }
            return slope;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "activation '" + name + "': the slope after 'lrelu:' must be a finite number");
        }
    }

    /** SHA-256 of {@code f} and {@code f'} at 201 points of [-10, 10]: the same function gives the same digest. */
    private static String fingerprint(DoubleUnaryOperator f, DoubleBinaryOperator derivative) {
        ByteBuffer values = ByteBuffer.allocate(201 * 2 * Double.BYTES);
        for (int i = 0; i <= 200; i++) {
            double x = -10 + i * 0.1;
            double y = f.applyAsDouble(x);
            values.putDouble(y).putDouble(derivative.applyAsDouble(x, y));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(values.array());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
