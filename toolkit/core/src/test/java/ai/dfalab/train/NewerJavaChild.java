package ai.dfalab.train;

import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import ai.dfalab.models.CnnSpec;
import ai.dfalab.models.ConvNetworks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Engine steps of small Table 4 CNNs, plain, with dropout, with batch norm and dropout (convolution, pooling,
 * normalisation, masks: every element-wise kernel), under one rule; run by {@link NewerJavaTest} in the test's Java
 * and in a child JVM of another version, which saves the parameters to the file named by its arguments.
 */
public final class NewerJavaChild {
    /**
     * Trained one after the other: tanh throughout, then dropout (identity before each dropout: Java 25's JIT crashed
     * on that kind in a kernel it had compiled for tanh), then batch norm with dropout.
     */
    private static final List<CnnSpec> NETWORKS = List.of(
            EngineTest.CNN,
            EngineTest.CNN.withDropout(0.1, 0.2, 0.3),
            EngineTest.CNN.withBatchNorm(true).withDropout(0.1, 0.2, 0.3));

    /** Steps of each: enough for the JIT's optimising compiler to take the kernels over. */
    static final int STEPS = 40;

    private NewerJavaChild() {}

    /** The parameters of {@link #NETWORKS}, end to end, after {@link #STEPS} steps each of {@code rule} (dfa, bp). */
    static INDArray train(String rule) {
        return Nd4j.concat(0, NETWORKS.stream().map(n -> train(n, rule)).toArray(INDArray[]::new));
    }

    private static INDArray train(CnnSpec spec, String rule) {
        BlockNetwork net = ConvNetworks.build(spec);
        Learner learner = new Learner(net, EngineTest.rule(rule, SignalScale.SUM, net));
        if (!learner.onEngine()) {
            throw new IllegalStateException("not on the engine: " + learner.path());
        }
        INDArray[] data = EngineTest.inputs(8, 3 * 16 * 16);
        for (int step = 0; step < STEPS; step++) {
            learner.step(data[0], data[1]);
        }
        return net.net().params().reshape(-1);
    }

    /** Arguments: the rule, the file for the parameters. */
    public static void main(String[] args) throws IOException {
        Nd4j.saveBinary(train(args[0]), Path.of(args[1]).toFile());
        System.out.println("java " + Runtime.version() + ": saved");
    }
}
