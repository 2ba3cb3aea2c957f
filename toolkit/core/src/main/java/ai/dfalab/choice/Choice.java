package ai.dfalab.choice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One value of a closed choice that runs, the command line and notebooks name by a short id ({@code dfa},
 * {@code cifar10}, {@code adam}): each such enum is read the same way, in any case, and a bad id is an error that
 * lists every valid one. Implemented by enums only.
 */
public interface Choice {
    /**
     * The id command lines, notebooks and stored runs use; by default the constant's name in lower case with
     * {@code -} for {@code _} ({@code UNIFIED_NONORM}: {@code unified-nonorm}).
     */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value of {@code type} whose id is {@code id}, in any case and ignoring surrounding space. */
    static <E extends Enum<E> & Choice> Optional<E> find(Class<E> type, String id) {
        String key = id.strip();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.id().equalsIgnoreCase(key))
                .findFirst();
    }

    /** As {@link #find}, else an error naming {@code what} was asked for and every id. */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String what, String id) {
        return find(type, id).orElseThrow(() -> unknown(type, what, id));
    }

    /** The error for an id {@code type} does not have. */
    static <E extends Enum<E> & Choice> IllegalArgumentException unknown(Class<E> type, String what, String id) {
        return new IllegalArgumentException(
                "unknown " + what + " '" + id + "': expected one of " + String.join(", ", ids(type)));
    }

    /** Every id of {@code type}, in declaration order: for help texts and errors. */
    static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
    }
}
