package ai.dfalab.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a {@link PlanarBatchNormalizationLayer}: DL4J's batch normalisation with its builder's defaults
 * (same parameters, same running statistics, same JSON fields), whose network layer normalises NCHW activations in
 * loops over each channel's planes.
 */
public class PlanarBatchNormalization extends BatchNormalization {

    /** DL4J's defaults: decay 0.9, eps 1e-5, learned gamma and beta, running log10 standard deviation; nOut inferred. */
    public PlanarBatchNormalization() {}

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType networkDataType) {
        LayerValidation.assertNOutSet("PlanarBatchNormalization", getLayerName(), index, getNOut());
        return Wiring.wire(
                new PlanarBatchNormalizationLayer(conf, networkDataType),
                conf,
                listeners,
                index,
                paramsView,
                initializeParams,
                initializer());
    }
}
