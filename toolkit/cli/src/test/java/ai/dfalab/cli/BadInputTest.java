package ai.dfalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.run.Numerics;
import ai.dfalab.run.RunKey;
import ai.dfalab.run.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every bad input is one clear line: the CLI's entry point on each bad flag or value exits 2 with one line on stderr
 * naming the flag and what was given, no stack trace (unless {@code --verbose}), and stores no run.
 */
class BadInputTest {
    @TempDir
    Path results;

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err) {}

    /** {@code args}, the flag the error must name and the bad value it must quote (null: no value was given). */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                train("--epochs", "0"),
                train("--epochs", "-3"),
                train("--epochs", "abc"),
                train("--batch", "0"),
                train("--batch", "2.5"),
                train("--lr", "0"),
                train("--lr", "-1e-3"),
                train("--lr", "1e6"),
                train("--lr", "NaN"),
                train("--lr", "Infinity"),
                train("--lr", "1e999"),
                train("--train-limit", "-1"),
                train("--seed", "1.5"),
                train("--rule", "sgd"),
                train("--activation", "sigmoid"),
                train("--activation", "lrelu:abc"),
                train("--activation", "lrelu:1e999"),
                train("--activation", "LRELU:NaN"),
                train("--dropout", "0.1,0.2,0.3"),
                train("--dropout", "0.5"),
                expect(List.of("train", "--dropout", "1,0"), "--dropout", "'1'"),
                expect(List.of("train", "--dropout", "-0.1,0"), "--dropout", "'-0.1'"),
                expect(List.of("train", "--model", "vgg16", "--dropout", "0.1,0"), "--dropout", "0.1"),
                train("--model", "resnet"),
                train("--dataset", "svhn"),
                train("--feedback", "random"),
                train("--scale", "median"),
                train("--init", "xavier"),
                train("--updater", "lbfgs"),
                expect(List.of("train", "--head-bp", "--rule", "bp"), "--head-bp", "bp"),
                expect(List.of("train", "--rule", "fa", "--model", "cnn"), "--rule fa", "cnn"),
                expect(List.of("train", "--batch", "128", "--train-limit", "64"), "--batch", "128"),
                expect(List.of("train", "--bogus"), "--bogus", null),
                expect(List.of("train", "--epochs"), "--epochs", null),
                bench("--steps", "0"),
                bench("--warmup", "-1"),
                bench("--batch", "0"),
                bench("--parallel", "0"),
                bench("--block-threads", "-1"),
                bench("--blas-threads", "x"),
                bench("--rule", "sgd"),
                bench("--model", "resnet"),
                bench("--path", "slow"),
                bench("--feedback", "random"),
                expect(List.of("bench", "--model", "vgg16-small", "--width-divisor", "3"), "--width-divisor", "3"),
                expect(List.of("bench", "--model", "vgg16", "--classes", "1"), "--classes", "1"),
                expect(List.of("bench", "--classes", "5"), "--classes", "5"),
                expect(List.of("bench", "--model", "vgg16-small", "--batch-norm"), "--batch-norm", "vgg16-small"),
                expect(List.of("bench", "--model", "cnn", "--dropout", "0.5"), "--dropout", "cnn"),
                bench("--dropout", "1"),
                expect(List.of("bench", "--model", "cnn", "--parallel", "2"), "--parallel", "cnn"),
                expect(List.of("bench", "--rule", "FA", "--model", "cnn"), "--rule fa", "cnn"),
                expect(List.of("bench", "--rule", "bp", "--block-threads", "2"), "--block-threads", "bp"),
                expect(List.of("bench", "--stages", "--path", "layers"), "--stages", "--path layers"));
    }

    private static Arguments train(String flag, String value) {
        return expect(List.of("train", flag, value), flag, value);
    }

    private static Arguments bench(String flag, String value) {
        return expect(List.of("bench", flag, value), flag, value);
    }

    private static Arguments expect(List<String> args, String flag, String value) {
        return Arguments.of(args, flag, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isOneLineNamingTheFlagAndValue(List<String> args, String flag, String value) throws IOException {
        Outcome o = run(args);
        assertEquals(2, o.code(), o.err());
        String line = o.err().strip();
        assertFalse(line.isEmpty(), "nothing on stderr");
        assertFalse(line.contains("\n"), "more than one line on stderr:\n" + o.err());
        assertTrue(line.contains(flag), "the flag " + flag + " is not named: " + line);
        if (value != null) {
            assertTrue(line.contains(value), "the value " + value + " is not quoted: " + line);
        }
        for (String trace : List.of("Exception", "at ai.", "at picocli.")) {
            assertFalse(o.out().contains(trace) || o.err().contains(trace), trace + " in the output: " + o);
        }
        try (Stream<Path> stored = Files.list(results)) {
            assertEquals(0, stored.count(), "a rejected run left something under --results");
        }
    }

    @Test
    void verboseShowsTheStackTrace() {
        Outcome parse = run(List.of("train", "--epochs", "0", "--verbose"));
        assertEquals(2, parse.code());
        assertTrue(parse.err().contains("ParameterException") && parse.err().contains("\tat picocli."), parse.err());

        // A value turned away inside a command: the trace reaches the command that ran.
        Outcome inside = run(List.of("--verbose", "bench", "--rule", "fa", "--model", "cnn"));
        assertEquals(2, inside.code());
        assertTrue(inside.err().lines().findFirst().orElseThrow().startsWith("dfa bench: --rule fa"), inside.err());
        assertTrue(inside.err().contains("\tat ai.dfalab.cli.BenchCommand"), inside.err());
    }

    @Test
    void enumLikeValuesIgnoreCase() {
        String lower = key("--activation", "tanh", "--rule", "dfa", "--model", "fc3x800", "--feedback", "unified");
        assertEquals(
                lower, key("--activation", "TANH", "--rule", "DFA", "--model", "FC3X800", "--feedback", "Unified"));
        assertEquals(
                key("--activation", "lrelu:-0.5", "--updater", "adam"),
                key("--activation", "LReLU:-0.50", "--updater", "ADAM"));
        assertFalse(lower.equals(key("--activation", "relu")), "the key ignores the activation");
    }

    /** The stored run's folder the flags lead to, on one fixed data digest. */
    private String key(String... flags) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(flags);
        RunSpec spec = train.spec();
        return new RunKey(spec, "0".repeat(64), Numerics.VERSION).folder();
    }

    private Outcome run(List<String> args) {
        List<String> all = new ArrayList<>(args);
        if (all.contains("train")) {
            all.addAll(all.indexOf("train") + 1, List.of("--results", results.toString()));
        }
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        int code;
        try {
            CommandLine cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            code = cmd.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        return new Outcome(code, out.toString(), err.toString());
    }
}
