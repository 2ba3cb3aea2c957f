package ai.dfalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DatasetName;
import ai.dfalab.data.RealData;
import ai.dfalab.run.RunResult;
import ai.dfalab.run.RunSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path results;

    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        int code;
        try {
            code = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, buffer.toString());
        return buffer.toString().strip().split("\n");
    }

    @Test
    void trainPrintsEpochsThenOneJsonLine() throws Exception {
        RealData.dir(DatasetName.MNIST);
        String[] lines = run(
                "train",
                "--dataset",
                "mnist",
                "--rule",
                "dfa",
                "--activation",
                "lrelu:-0.5",
                "--train-limit",
                "1024",
                "--epochs",
                "2",
                "--lr",
                "1e-4",
                "--batch",
                "64",
                "--results",
                results.toString());
        assertTrue(lines[0].startsWith("run: "), lines[0]);
        // then, on an AVX-512 machine whose BLAS kernels do not use it, one line of advice (BlasKernels)
        int epoch = lines[1].startsWith("BLAS kernels: ") ? 2 : 1;
        assertTrue(lines[epoch].contains("epoch  1/2"), String.join("\n", lines));
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("finished", json.get("status").asText());
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, json.toString());
        assertEquals(2, json.get("epochs").size());
        assertEquals(3, json.get("alignment").size());
        assertTrue(json.get("steps_per_second").asDouble() > 0);
        assertEquals(
                "lrelu:-0.5", json.get("spec").get("model").get("activation").asText());
        assertEquals("dfa", json.get("spec").get("rule").asText());
    }

    @Test
    void benchReportsStepsPerSecondForBothRules() throws Exception {
        String[] lines = run("bench", "--rule", "both", "--steps", "3", "--warmup", "1", "--batch", "16");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(2, json.get("timings").size());
        assertTrue(json.get("steps_per_second").asDouble() > 0);
        assertNotEquals("null", json.get("settings").get("nd4j_threads").asText());
    }

    @Test
    void benchTimesFaAsFa() throws Exception {
        // It once timed DFA under FA's name.
        String[] lines = run("bench", "--rule", "FA", "--steps", "2", "--warmup", "0", "--batch", "8");
        assertTrue(lines[lines.length - 2].startsWith("fc3x800 fa - "), lines[lines.length - 2]);
        JsonNode timing = new ObjectMapper()
                .readTree(lines[lines.length - 1])
                .get("timings")
                .get(0);
        assertEquals("fa", timing.get("rule").asText());
        assertEquals("-", timing.get("feedback").asText());
    }

    @Test
    void benchTimesTheCnnThroughDl4jsLayers() throws Exception {
        String[] lines = run(
                "bench",
                "--model",
                "cnn",
                "--rule",
                "dfa",
                "--path",
                "layers",
                "--steps",
                "1",
                "--warmup",
                "0",
                "--batch",
                "4");
        assertTrue(
                lines[lines.length - 2].startsWith("cnn dfa unified layers block-threads 0 batch 4"),
                lines[lines.length - 2]);
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(json.get("steps_per_second").asDouble() > 0);
    }

    /**
     * {@code --stages}: each stage's time per step, within the step's, and the products each backward pass ran: the
     * weight gradient everywhere, the input gradient too under BP above the first convolution, never under DFA (a
     * block's first stage passes nothing down).
     */
    @Test
    void benchStagesShowWhereTheStepGoes() throws Exception {
        String[] lines = run(
                "bench",
                "--model",
                "cnn",
                "--rule",
                "both",
                "--stages",
                "--steps",
                "2",
                "--warmup",
                "1",
                "--batch",
                "8");
        assertTrue(
                List.of(lines).stream().anyMatch(l -> l.matches("\\s+layer\\s+2 conv\\s+forward .* GFLOP/s\\)")),
                String.join("\n", lines));
        JsonNode timings = new ObjectMapper().readTree(lines[lines.length - 1]).get("timings");
        for (JsonNode timing : timings) {
            double stageMs = 0;
            StringBuilder products = new StringBuilder();
            for (JsonNode row : timing.get("stages")) {
                stageMs +=
                        row.get("forwardMs").asDouble() + row.get("backwardMs").asDouble();
                if (row.get("stage").asText().equals("conv")) {
                    assertTrue(
                            row.get("forwardMs").asDouble() > 0
                                    && row.get("productGflop").asDouble() > 0,
                            row.toString());
                    products.append(row.get("backwardProducts").asInt());
                }
            }
            assertEquals(
                    timing.get("rule").asText().equals("bp") ? "122" : "111", products.toString(), timing.toString());
            assertTrue(
                    stageMs > 0
                            && stageMs <= 1000 / timing.get("stepsPerSecond").asDouble(),
                    timing.toString());
        }
    }

    @Test
    void badFlagsAreNamed() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            CommandLine cmd = new CommandLine(new Main());
            assertNotEquals(0, cmd.execute("train", "--activation", "sigmoid", "--results", results.toString()));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("unknown activation 'sigmoid'"), err.toString());
    }

    @Test
    void aDivergedRunIsItsStatusInTheJsonLine() throws Exception {
        RunResult diverged = new RunResult(
                RunSpec.paper(),
                List.of(),
                RunResult.Status.DIVERGED,
                new RunResult.Divergence(1, 2, "loss NaN"),
                Map.of());
        JsonNode json = new ObjectMapper().readTree(Json.line(TrainCommand.summary(diverged)));
        assertEquals("diverged", json.get("status").asText());
        assertEquals(
                "diverged at epoch 1 (step 2): loss NaN", json.get("divergence").asText());
        assertTrue(json.get("test_accuracy").isNull(), json.toString());
        assertTrue(json.get("alignment").isNull(), json.toString());
    }
}
