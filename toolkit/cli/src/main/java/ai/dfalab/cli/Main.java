package ai.dfalab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar dfa-toolkit.jar train|bench ...}: the toolkit from the command line. */
@Command(
        name = "dfa",
        mixinStandardHelpOptions = true,
        version = "DFA Lab 0.1.0",
        description = "Direct Feedback Alignment on Deeplearning4j (Launay, Poli, Krzakala 2019).",
        subcommands = {TrainCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
