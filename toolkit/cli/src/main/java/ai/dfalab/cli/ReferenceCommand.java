package ai.dfalab.cli;

import ai.dfalab.run.ReferenceCopy;
import ai.dfalab.run.ReferenceRuns;
import ai.dfalab.run.ResultStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dfa reference add}: the project's reference runs (docs/reference.md). */
@Command(
        name = "reference",
        mixinStandardHelpOptions = true,
        description =
                "The project's reference runs: records of finished runs kept in the repository (docs/reference.md).",
        subcommands = {ReferenceCommand.Add.class})
final class ReferenceCommand implements Runnable {
    @Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(System.out);
    }

    /** Copies finished runs' records from a run store into the reference folder. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Copy finished (and diverged) runs from a run store into the reference folder: run.json alone"
                        + " (metrics per epoch, alignment, spec, provenance with wall time), no weights or checkpoints.",
                "Unfinished runs are left out; a run the reference already holds is never replaced."
            })
    static final class Add implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "the run store to copy from, e.g. results/runs")
        Path from;

        @Option(
                names = "--to",
                defaultValue = ReferenceRuns.FOLDER,
                description = "the reference folder (default: ${DEFAULT-VALUE}, run from the top of the checkout)")
        Path to;

        @Option(
                names = "--filter",
                defaultValue = "*",
                description = "a glob on run folder names, e.g. 'cifar10-fc3x800-*' (default: ${DEFAULT-VALUE})")
        String filter;

        @Override
        public Integer call() {
            if (!Files.isDirectory(from)) {
                throw new IllegalArgumentException("--from " + from + ": no such folder (expected a run store)");
            }
            PathMatcher glob;
            try {
                glob = FileSystems.getDefault().getPathMatcher("glob:" + filter);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "--filter '" + filter + "' is not a glob pattern: " + e.getDescription());
            }
            ReferenceCopy.Report report =
                    ReferenceCopy.add(new ResultStore(from), to, folder -> glob.matches(Path.of(folder)));
            report.added().forEach(folder -> System.out.println("added: " + folder));
            report.skipped().forEach(why -> System.out.println("left out: " + why));
            System.out.println("added " + report.added().size() + " runs to " + to + ", left out "
                    + report.skipped().size());
            return 0;
        }
    }
}
