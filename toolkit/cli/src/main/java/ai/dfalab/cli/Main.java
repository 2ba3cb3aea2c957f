package ai.dfalab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code java -jar dfa-toolkit.jar train|bench|reference ...}: the toolkit from the command line. */
@Command(
        name = "dfa",
        mixinStandardHelpOptions = true,
        version = "DFA Lab 0.1.0",
        description = "Direct Feedback Alignment on Deeplearning4j (Launay, Poli, Krzakala 2019).",
        subcommands = {TrainCommand.class, BenchCommand.class, ReferenceCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read by Errors from the parse result; the field only declares the option to every command.
    @Option(
            names = Errors.VERBOSE,
            scope = ScopeType.INHERIT,
            description = "on an error, print its stack trace after the one-line message")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with its error reporting: one line per bad input, exit code 2. */
    static CommandLine commandLine() {
        Errors errors = new Errors();
        return new CommandLine(new Main()).setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
