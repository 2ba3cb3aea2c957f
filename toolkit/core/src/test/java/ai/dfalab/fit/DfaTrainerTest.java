package ai.dfalab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.data.DataCache;
import ai.dfalab.data.DataSetIterators;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.LabeledData;
import ai.dfalab.data.RealData;
import ai.dfalab.data.Split;
import ai.dfalab.layers.ActivationAbs;
import ai.dfalab.layers.SeededDropout;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.listeners.CheckpointListener;
import org.deeplearning4j.optimize.listeners.PerformanceListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DFA on DL4J networks of the user's own, the DL4J way: iterators, listeners, evaluation, saving. */
class DfaTrainerTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path dir;

    @BeforeAll
    static void realData() {
        RealData.dir(DatasetName.MNIST);
    }

    private static DataSetIterator mnist(Split split, int n, int batch) {
        LabeledData data = DataCache.get(DatasetName.MNIST, split).first(n);
        return DataSetIterators.of(data, batch, split == Split.TRAIN ? 1 : -1);
    }

    /** DL4J's MLP MNIST example network, as its example builds it (784-1000 ReLU, softmax, Nesterov momentum). */
    private static MultiLayerNetwork dl4jExample() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Nesterovs(0.006, 0.9))
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(784)
                        .nOut(1000)
                        .activation(Activation.RELU)
                        .weightInit(WeightInit.XAVIER)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(1000)
                        .nOut(100)
                        .activation(Activation.RELU)
                        .weightInit(WeightInit.XAVIER)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(100)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Counts what DL4J's fit would have called. */
    static final class Calls extends BaseTrainingListener {
        final List<Double> scores = new ArrayList<>();
        int epochStarts;
        int epochEnds;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            scores.add(model.score());
        }

        @Override
        public void onEpochStart(Model model) {
            epochStarts++;
        }

        @Override
        public void onEpochEnd(Model model) {
            epochEnds++;
        }
    }

    @Test
    void aDl4jExampleNetworkTrainsByDfaUnchangedButForTheCallThatTrainsIt() throws Exception {
        MultiLayerNetwork net = dl4jExample();
        Calls calls = new Calls();
        File checkpoints = Files.createDirectories(dir.resolve("checkpoints")).toFile();
        net.setListeners(
                calls,
                new ScoreIterationListener(10),
                new PerformanceListener(10, true),
                new CheckpointListener.Builder(checkpoints).saveEveryEpoch().build());

        DfaTrainer.forNetwork(net).log(QUIET).build().fit(mnist(Split.TRAIN, 4096, 64), 2); // instead of net.fit(it, 2)

        assertEquals(2 * 64, calls.scores.size(), "iterationDone for every batch of every epoch");
        assertEquals(2, calls.epochStarts);
        assertEquals(2, calls.epochEnds);
        assertTrue(calls.scores.stream().allMatch(s -> Double.isFinite(s) && s > 0), calls.scores.toString());
        double first = calls.scores.subList(0, 10).stream()
                .mapToDouble(d -> d)
                .average()
                .orElseThrow();
        double last = calls.scores.subList(118, 128).stream()
                .mapToDouble(d -> d)
                .average()
                .orElseThrow();
        assertTrue(last < first / 2, "the loss falls: first 10 batches " + first + ", last 10 " + last);
        assertEquals(2, net.getEpochCount());
        assertEquals(128, net.getIterationCount());
        Evaluation eval = net.evaluate(mnist(Split.TEST, 2000, 500));
        assertTrue(eval.accuracy() > 0.7, "DFA trains DL4J's example network: " + eval.stats());
        assertEquals(
                2,
                CheckpointListener.availableCheckpoints(checkpoints).size(),
                "DL4J's checkpoint listener saved after each epoch");
        MultiLayerNetwork saved = CheckpointListener.loadLastCheckpointMLN(checkpoints);
        assertEquals(net.params(), saved.params(), "the last checkpoint holds the trained weights");
    }

    /** A small CNN with the toolkit's own activation and dropout, a layer kind the paper does not use (average pooling) and |x|. */
    private static MultiLayerNetwork cnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Sgd(0.01))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(new ActivationAbs())
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(32)
                        .activation(Activation.IDENTITY)
                        .dropOut(new SeededDropout(0.9, seed))
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void pointsDefaultToEveryBlocksOutputAndBadOnesAreNamed() {
        MultiLayerNetwork net = cnn(1);
        assertArrayEquals(
                new int[] {2, 4},
                DfaTrainer.forNetwork(net).build().points(),
                "after the pooling of the conv block, after the activation of the dense block");
        IllegalArgumentException inside = assertThrows(
                IllegalArgumentException.class,
                () -> DfaTrainer.forNetwork(net).points(3).build());
        assertTrue(
                inside.getMessage().contains("feedback point at layer 3 (DenseLayer, identity) is inside its block"),
                inside.getMessage());
        String regression = refused(
                new DenseLayer.Builder().nIn(4).nOut(4).build(),
                output(LossFunctions.LossFunction.MSE, 4, 1, Activation.IDENTITY));
        assertTrue(regression.contains("needs a softmax output layer with cross-entropy"), regression);
        String recurrent = refused(
                new LSTM.Builder().nIn(4).nOut(8).build(),
                new DenseLayer.Builder().nIn(8).nOut(8).build(),
                output(LossFunctions.LossFunction.MCXENT, 8, 3, Activation.SOFTMAX));
        assertTrue(recurrent.matches("layer 0 \\(LSTM.*\\) is recurrent: .*"), recurrent);
    }

    private static OutputLayer output(LossFunctions.LossFunction loss, int nIn, int nOut, Activation activation) {
        return new OutputLayer.Builder(loss)
                .nIn(nIn)
                .nOut(nOut)
                .activation(activation)
                .build();
    }

    /** The message of the error a trainer for the network of these layers gets. */
    private static String refused(Layer... layers) {
        var list = new NeuralNetConfiguration.Builder().list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> DfaTrainer.forNetwork(net).build())
                .getMessage();
    }

    @Test
    void aTrainedNetworkWithTheToolkitsLayersIsSavedAndRestoredToTheBit() throws Exception {
        MultiLayerNetwork net = cnn(2);
        DfaTrainer.forNetwork(net).log(QUIET).build().fit(mnist(Split.TRAIN, 512, 64), 1);
        File file = dir.resolve("cnn.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        INDArray x = mnist(Split.TEST, 100, 100).next().getFeatures();
        assertEquals(net.output(x), restored.output(x));
        assertEquals(net.params(), restored.params());
    }

    @Test
    void theFastEngineAndDl4jsLayersTrainTheSame() {
        MultiLayerNetwork fast = plain();
        MultiLayerNetwork layers = plain();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        DfaTrainer.forNetwork(fast).log(new PrintStream(said)).build().fit(mnist(Split.TRAIN, 1024, 128), 1);
        DfaTrainer.forNetwork(layers).log(QUIET).throughDl4jLayers().build().fit(mnist(Split.TRAIN, 1024, 128), 1);
        assertTrue(said.toString().contains("on engine"), "the first line says which path runs: " + said);
        assertTrue(
                said.toString().matches("(?s).*DFA epoch 1/1: loss \\d+\\.\\d{4}, 8 steps in .* steps/s\\)\\R.*"),
                "a line per epoch with its loss, steps and speed: " + said);
        assertEquals(0, fast.params().sub(layers.params()).amaxNumber().doubleValue(), 1e-5);
    }

    private static MultiLayerNetwork plain() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Sgd(0.01))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(784)
                        .nOut(64)
                        .activation(Activation.TANH)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(64)
                        .nOut(64)
                        .activation(Activation.TANH)
                        .build())
                .layer(output(LossFunctions.LossFunction.MCXENT, 64, 10, Activation.SOFTMAX))
                .build());
        net.init();
        return net;
    }

    @Test
    void theAlignmentListenerKeepsATableOfEveryPoint() {
        MultiLayerNetwork net = plain();
        DfaTrainer trainer = DfaTrainer.forNetwork(net).log(QUIET).build();
        DataSet probe = mnist(Split.TEST, 128, 128).next();
        AlignmentListener alignment = new AlignmentListener(trainer, probe, 4);
        net.setListeners(alignment);
        trainer.fit(mnist(Split.TRAIN, 2048, 128), 1);
        var table = alignment.table();
        assertEquals(4 * 2, table.rowCount(), "16 steps, every 4th, 2 points");
        assertEquals(16, table.intColumn("iteration").max());
        assertTrue(table.doubleColumn("cos mean").max() > 0, "DFA aligns: " + table.print());
        var curves = alignment.curves();
        assertEquals(java.util.Set.of("layer 0", "layer 1"), curves.keySet());
        assertArrayEquals(new double[] {4, 8, 12, 16}, curves.get("layer 1")[0]);
    }
}
