package ai.dfalab.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a {@link PlanarMaxPoolingLayer}: a DL4J subsampling layer (same fields, same JSON) whose
 * network layer takes max pooling over each NCHW plane in Java loops.
 */
public class PlanarMaxPooling extends SubsamplingLayer {

    /** For DL4J's JSON and cloning. */
    protected PlanarMaxPooling() {
    }

    /** The layer {@code builder} describes (validated as DL4J's own {@code build()} validates it). */
    public PlanarMaxPooling(SubsamplingLayer.Builder builder) {
        super(builder);
        builder.build();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Wiring.wire(new PlanarMaxPoolingLayer(conf, networkDataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}
