package ai.dfalab.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.models.ModelSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Activations by name: built-ins canonical in any case, registered functions fingerprinted, DL4J-serialisable. */
class ActivationsTest {

    @Test
    void builtInNamesAreCanonicalAndBadOnesAreNamed() {
        assertEquals("tanh", Activations.canonical(" TANH "));
        assertEquals("lrelu:-0.5", Activations.canonical("LReLU:-0.50"));
        assertEquals("tanh", ModelSpec.fc3x800().withActivation("Tanh").activation(), "one run whatever the case");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activations.canonical("lrelu:abc"))
                .getMessage()
                .contains("finite number"));
        assertThrows(IllegalArgumentException.class, () -> Activations.canonical("lrelu:1e999"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activations.canonical("sigmoid"))
                .getMessage()
                .contains("unknown activation 'sigmoid'"));
        assertThrows(IllegalArgumentException.class, () -> Activations.register("tanh", x -> x, (x, y) -> 1));
    }

    @Test
    void aRegisteredFunctionRunsInDl4jWithItsDerivativeAndSurvivesTheConfigurationsJson() {
        String name = Activations.register(
                "softsign", x -> x / (1 + Math.abs(x)), (x, y) -> (1 - Math.abs(y)) * (1 - Math.abs(y)));
        assertTrue(name.startsWith("softsign#"), name);
        IActivation softsign = Activations.parse("softsign");
        INDArray x = Nd4j.create(new float[] {-2, -0.5f, 0, 1, 3}, new long[] {1, 5});
        INDArray y = softsign.getActivation(x.dup(), true);
        assertEquals(-2.0 / 3, y.getDouble(0), 1e-6);
        assertEquals(0.75, y.getDouble(4), 1e-6);
        INDArray grad =
                softsign.backprop(x.dup(), Nd4j.ones(DataType.FLOAT, 1, 5)).getFirst();
        for (int i = 0; i < 5; i++) {
            double h = 1e-3;
            double xi = x.getDouble(i);
            double numeric = ((xi + h) / (1 + Math.abs(xi + h)) - (xi - h) / (1 + Math.abs(xi - h))) / (2 * h);
            assertEquals(numeric, grad.getDouble(i), 1e-3, "f'(" + xi + ")");
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(5)
                        .nOut(4)
                        .activation(softsign)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(4)
                        .nOut(2)
                        .build())
                .build();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void aChangedFunctionUnderTheSameNameIsAnotherRun() {
        String first = Activations.register("bent", x -> x + 0.1 * x * x, (x, y) -> 1 + 0.2 * x);
        ModelSpec stored = ModelSpec.fc3x800().withActivation("bent");
        assertEquals(first, stored.activation());
        String second = Activations.register("bent", x -> x + 0.2 * x * x, (x, y) -> 1 + 0.4 * x);
        assertNotEquals(first, second);
        assertEquals(second, ModelSpec.fc3x800().withActivation("bent").activation());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activations.canonical(first))
                .getMessage()
                .contains("another function"));
    }
}
