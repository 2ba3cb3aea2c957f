package ai.dfalab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DatasetName;
import ai.dfalab.data.RealData;
import org.junit.jupiter.api.Test;

class Figure1Test {

    @Test
    void bpAgreesWithItselfAndTrainedFaAndDfaSignalsAlign() {
        RealData.dir(DatasetName.MNIST);
        var signals = Figure1.run(150, 0);
        var t = Figure1.cosines(signals);
        for (int layer = 0; layer < 3; layer++) {
            assertEquals(1.0, t.doubleColumn("bp").get(layer), 1e-5);
            assertTrue(t.doubleColumn("fa").get(layer) > 0.0, t.printAll());
            assertTrue(t.doubleColumn("dfa").get(layer) > 0.0, t.printAll());
        }
        Figure1.requireLearning(signals, 0.7);
        var broken = new java.util.LinkedHashMap<>(signals);
        broken.put(
                "dfa",
                new Figure1.Signals(
                        "dfa", signals.get("dfa").signal(), signals.get("dfa").bp(), 0.1));
        var error = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> Figure1.requireLearning(broken, 0.7));
        assertTrue(error.getMessage().startsWith("dfa reached 10.00 %"), error.getMessage());
        assertTrue(ai.dfalab.report.Show.png(ai.dfalab.paper.FlowDiagram.draw()).length > 5000);
    }
}
