package ai.dfalab.layers;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws every weight and bias of a network from a seed with Java's generator. DL4J's own initialisation draws
 * into parameter views with ND4J's native generator, which does not give the same weights twice for one seed
 * here; drawing them ourselves makes a run repeatable, and the same on CPU and GPU.
 */
public final class WeightInitializer {
    private WeightInitializer() {}

    public static void initialize(MultiLayerNetwork net, Init init, long seed) {
        for (int l = 0; l < net.getnLayers(); l++) {
            java.util.Map<String, INDArray> params = net.getLayer(l).paramTable();
            INDArray w = params.get("W");
            if (w == null) {
                continue;
            }
            long fanIn =
                    w.rank() == 2 ? w.size(0) : w.length() / w.size(0); // dense: nIn x nOut; conv: out x in x kh x kw
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + l);
            double bound = 1.0 / Math.sqrt(fanIn);
            double std = Math.sqrt(2.0 / fanIn);
            fill(w, random, init == Init.HE ? () -> random.nextGaussian() * std : () -> uniform(random, bound));
            INDArray b = params.get("b");
            if (b != null) {
                fill(b, random, init == Init.HE ? () -> 0.0 : () -> uniform(random, bound));
            }
        }
    }

    private static double uniform(SplittableRandom random, double bound) {
        return (random.nextDouble() * 2 - 1) * bound;
    }

    private static void fill(INDArray target, SplittableRandom random, java.util.function.DoubleSupplier draw) {
        float[] values = new float[(int) target.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) draw.getAsDouble();
        }
        target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
    }
}
