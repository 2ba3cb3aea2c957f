package ai.dfalab.cli;

import ai.dfalab.bench.StepBenchmark;
import ai.dfalab.choice.Choice;
import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.layers.Init;
import ai.dfalab.models.Architecture;
import ai.dfalab.train.Rule;
import ai.dfalab.train.Updater;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's closed choices, taken from the toolkit's own types: each converts a value in any case (a bad one
 * is an error naming what is allowed) and lists the valid values for the help ({@code ${COMPLETION-CANDIDATES}}).
 */
final class Choices {
    private Choices() {}

    /** A converter and candidate list over one type's values and ids. */
    abstract static class Of<T> implements ITypeConverter<T>, Iterable<String> {
        private final Function<String, T> parse;
        private final String[] ids;

        Of(Function<String, T> parse, String... ids) {
            this.parse = parse;
            this.ids = ids;
        }

        /** The value, or a one-line conversion error (picocli puts the flag in front of it). */
        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.asList(ids).iterator();
        }
    }

    private static <E extends Enum<E> & Choice> String[] ids(Class<E> type) {
        return Choice.ids(type).toArray(String[]::new);
    }

    static final class Datasets extends Of<DatasetName> {
        Datasets() {
            super(DatasetName::parse, ids(DatasetName.class));
        }
    }

    static final class Models extends Of<Architecture> {
        Models() {
            super(Architecture::parse, ids(Architecture.class));
        }
    }

    static final class Rules extends Of<Rule> {
        Rules() {
            super(Rule::parse, ids(Rule.class));
        }
    }

    static final class Feedbacks extends Of<FeedbackKind> {
        Feedbacks() {
            super(FeedbackKind::parse, ids(FeedbackKind.class));
        }
    }

    static final class Scales extends Of<SignalScale> {
        Scales() {
            super(SignalScale::parse, ids(SignalScale.class));
        }
    }

    static final class Inits extends Of<Init> {
        Inits() {
            super(Init::parse, ids(Init.class));
        }
    }

    static final class Updaters extends Of<Updater> {
        Updaters() {
            super(Updater::parse, ids(Updater.class));
        }
    }

    /** {@code bench}'s models: those it builds without data. */
    static final class BenchModels extends Of<String> {
        BenchModels() {
            super(oneOf("model", "fc3x800", "cnn", "vgg16-small", "vgg16"), "fc3x800", "cnn", "vgg16-small", "vgg16");
        }
    }

    /** {@code bench}'s rules: each rule, or {@code both} (DFA then BP). */
    static final class BenchRules extends Of<String> {
        BenchRules() {
            super(oneOf("rule", "bp", "fa", "dfa", "both"), "bp", "fa", "dfa", "both");
        }
    }

    static final class Paths extends Of<StepBenchmark.Path> {
        Paths() {
            super(
                    id -> StepBenchmark.Path.valueOf(
                            oneOf("path", "engine", "layers").apply(id).toUpperCase(Locale.ROOT)),
                    "engine",
                    "layers");
        }
    }

    /** One of {@code ids} in any case, as its lower-case id. */
    private static Function<String, String> oneOf(String what, String... ids) {
        return value -> {
            String key = value.strip().toLowerCase(Locale.ROOT);
            if (!Arrays.asList(ids).contains(key)) {
                throw new IllegalArgumentException(
                        "unknown " + what + " '" + value + "': expected one of " + String.join(", ", ids));
            }
            return key;
        };
    }
}
