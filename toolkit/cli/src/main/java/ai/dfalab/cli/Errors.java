package ai.dfalab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports a failure: one line on stderr, {@code dfa train: <what was wrong>}, and the stack
 * trace only under {@value #VERBOSE}. A bad flag or value, and a combination the toolkit turns away
 * ({@link IllegalArgumentException}), exit {@value CommandLine.ExitCode#USAGE}; anything else exits 1.
 */
final class Errors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String suggestions =
                e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                        ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?"
                        : "";
        // Parsing stopped at the bad argument, so the flag may lie beyond what picocli matched: look at them all.
        report(
                cmd.getErr(),
                name + ": " + e.getMessage() + suggestions + " (" + name + " --help lists the options)",
                e,
                Arrays.asList(args).contains(VERBOSE));
        return CommandLine.ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        report(cmd.getErr(), cmd.getCommandSpec().qualifiedName() + ": " + message, e, verbose(parsed));
        return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    private static void report(PrintWriter err, String line, Exception e, boolean verbose) {
        // One line even when a message spans several: a script reading stderr gets it whole.
        err.println(line.replaceAll("\\s*\\R\\s*", " "));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
