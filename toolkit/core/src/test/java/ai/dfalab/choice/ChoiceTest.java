package ai.dfalab.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.dfalab.data.DatasetName;
import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.layers.Init;
import ai.dfalab.models.Architecture;
import ai.dfalab.run.RunResult;
import ai.dfalab.train.Rule;
import ai.dfalab.train.Updater;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every closed choice of the toolkit reads each of its ids in any case and refuses an unknown one naming them all. */
class ChoiceTest {
    static Stream<Arguments> choices() {
        return Stream.of(
                choice(Rule.class, Rule::parse, "rule"),
                choice(Updater.class, Updater::parse, "updater"),
                choice(Architecture.class, Architecture::parse, "model"),
                choice(FeedbackKind.class, FeedbackKind::parse, "feedback"),
                choice(SignalScale.class, SignalScale::parse, "signal scale"),
                choice(Init.class, Init::parse, "init"),
                choice(DatasetName.class, DatasetName::parse, "data set"),
                choice(
                        RunResult.Status.class,
                        id -> Choice.parse(RunResult.Status.class, "run status", id),
                        "run status"));
    }

    private static <E extends Enum<E> & Choice> Arguments choice(
            Class<E> type, Function<String, E> parse, String what) {
        return Arguments.of(type, parse, what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    <E extends Enum<E> & Choice> void everyIdInAnyCaseAndAnUnknownOneNamesThemAll(
            Class<E> type, Function<String, E> parse, String what) {
        List<String> ids = Choice.ids(type);
        assertEquals(type.getEnumConstants().length, ids.size());
        for (E value : type.getEnumConstants()) {
            assertEquals(value, parse.apply(value.id()));
            assertEquals(value, parse.apply(" " + value.id().toUpperCase(java.util.Locale.ROOT) + " "));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse.apply("nonesuch"));
        assertEquals("unknown " + what + " 'nonesuch': expected one of " + String.join(", ", ids), e.getMessage());
    }

    /** The choices stored runs hold by id: written as the id and read back from it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storedById")
    <E extends Enum<E> & Choice> void storedRunsHoldTheId(Class<E> type) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (E value : type.getEnumConstants()) {
            String written = json.writeValueAsString(value);
            assertEquals('"' + value.id() + '"', written);
            assertEquals(value, json.readValue(written, type));
        }
    }

    static Stream<Class<?>> storedById() {
        return Stream.of(Rule.class, Updater.class, Architecture.class, RunResult.Status.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliases")
    void aliasesStillRead(String id, Object expected, Function<String, ?> parse) {
        assertEquals(expected, parse.apply(id));
    }

    static Stream<Arguments> aliases() {
        Function<String, ?> updater = Updater::parse;
        Function<String, ?> dataset = DatasetName::parse;
        return Stream.of(
                Arguments.of("Momentum", Updater.NESTEROVS, updater),
                Arguments.of("CIFAR-10", DatasetName.CIFAR10, dataset),
                Arguments.of("cifar-100", DatasetName.CIFAR100, dataset));
    }
}
