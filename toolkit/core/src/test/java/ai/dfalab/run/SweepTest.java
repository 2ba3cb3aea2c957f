package ai.dfalab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.backend.Backend;
import ai.dfalab.train.Rule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs side by side give what they give one after the other, in order; failures stop the sweep cleanly. On real MNIST. */
@ExtendWith(MnistRuns.Required.class)
class SweepTest {
    private static final RunSpec MNIST = MnistRuns.MNIST.withTrainLimit(1280).withEpochs(2);

    @TempDir
    Path results;

    @Test
    void sideBySideRunsEqualSequentialOnesInOrderAndRestoreTheThreads() {
        List<RunSpec> specs =
                List.of(MNIST.withSeed(1), MNIST.withModel(m -> m.withBottleneckK(18)), MNIST.withRule(Rule.BP));
        int blas = Backend.blasThreads();
        int nd4j = Backend.nd4jThreads();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RunResult> parallel = Sweep.run(
                new Experiment(
                        new ResultStore(results.resolve("parallel")),
                        new ConsoleProgress(new PrintStream(printed, true, StandardCharsets.UTF_8), 20)),
                specs,
                2);
        List<RunResult> sequential =
                Sweep.run(new Experiment(new ResultStore(results.resolve("sequential")), Progress.SILENT), specs, 1);
        assertEquals(blas, Backend.blasThreads());
        assertEquals(nd4j, Backend.nd4jThreads());
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(specs.get(i), parallel.get(i).spec());
            for (int e = 0; e < 2; e++) {
                EpochMetrics p = parallel.get(i).epochs().get(e);
                EpochMetrics s = sequential.get(i).epochs().get(e);
                assertEquals(
                        s.testAccuracy(), p.testAccuracy(), 1e-3, specs.get(i).label() + " epoch " + e);
                assertArrayEquals(s.alignmentMean(), p.alignmentMean(), 1e-3);
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(
                out.contains("[" + specs.get(0).label() + "]  epoch"),
                "epoch lines of side-by-side runs name their run:\n" + out);
    }

    @Test
    void aFailingRunFailsTheSweepAndTheOthersStop() {
        List<RunSpec> specs = List.of(MNIST.withSeed(2), MNIST.withSeed(3));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Sweep.run(
                        new Experiment(new ResultStore(results), new Progress() {
                            @Override
                            public void epoch(RunSpec s, EpochMetrics m) {
                                if (s.seed() == 3) {
                                    throw new IllegalStateException("disk full");
                                }
                            }
                        }),
                        specs,
                        2));
        assertEquals("disk full", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Sweep.run(new Experiment(new ResultStore(results), Progress.SILENT), specs, 0));
    }
}
