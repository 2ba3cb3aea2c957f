package ai.dfalab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.dfalab.feedback.FeedbackKind;
import ai.dfalab.feedback.SignalScale;
import ai.dfalab.models.BlockNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DFA under DL4J's other updaters: on the engine, stepped by DL4J's updater, it learns a fixed batch. */
class UpdaterTest {
    @ParameterizedTest
    @CsvSource({"nesterovs,0.05", "adam,0.01", "rmsprop,0.01", "adagrad,0.1"})
    void dfaLearnsUnderEveryUpdater(String updater, double lr) {
        BlockNetwork net = TinyNets.build(
                "tanh", true, DataType.FLOAT, Updater.parse(updater).create(lr), 2);
        INDArray x = TinyNets.inputs(32, DataType.FLOAT, 3);
        INDArray y = TinyNets.oneHot(32, DataType.FLOAT);
        Learner learner = new Learner(
                net,
                new DirectFeedbackAlignment(FeedbackKind.UNIFIED.create(net.pointSizes(), 3, 1), SignalScale.MEAN));
        assertTrue(learner.onEngine(), learner.path());
        double before = loss(learner.step(x, y), y);
        INDArray out = null;
        for (int i = 0; i < 200; i++) {
            out = learner.step(x, y);
        }
        assertTrue(loss(out, y) < 0.8 * before, updater + ": loss " + before + " -> " + loss(out, y));
    }

    private static double loss(INDArray p, INDArray y) {
        return -org.nd4j.linalg.ops.transforms.Transforms.log(p.mul(y).sum(1), false)
                .meanNumber()
                .doubleValue();
    }
}
