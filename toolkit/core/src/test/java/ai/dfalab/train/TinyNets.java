package ai.dfalab.train;

import ai.dfalab.layers.Activations;
import ai.dfalab.models.BlockNetwork;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small hand-built networks 6-5-4-3 (two hidden layers) for exact checks. */
final class TinyNets {
    static final int IN = 6;
    static final int H1 = 5;
    static final int H2 = 4;
    static final int OUT = 3;

    private TinyNets() {}

    static BlockNetwork build(String activation, boolean bias, DataType type, IUpdater updater, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .biasInit(0.1)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list()
                .layer(dense(IN, H1, bias, activation))
                .layer(dense(H1, H2, bias, activation))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(H2)
                        .nOut(OUT)
                        .hasBias(bias)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return new BlockNetwork(net, new int[] {0, 1}, new long[] {IN});
    }

    private static DenseLayer dense(int nIn, int nOut, boolean bias, String activation) {
        return new DenseLayer.Builder()
                .nIn(nIn)
                .nOut(nOut)
                .hasBias(bias)
                .activation(Activations.parse(activation))
                .build();
    }

    static INDArray inputs(int batch, DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, batch, IN);
    }

    static INDArray oneHot(int batch, DataType type) {
        INDArray y = Nd4j.zeros(type, batch, OUT);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, (n * 7 + 1) % OUT, 1);
        }
        return y;
    }

    static double[][] toArray(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
