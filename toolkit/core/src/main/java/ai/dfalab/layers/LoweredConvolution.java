package ai.dfalab.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a {@link LoweredConvolutionLayer}: a DL4J convolution layer (same parameters, same
 * initialisation, same JSON fields) whose network layer computes through one lowered matrix product per pass.
 */
public class LoweredConvolution extends ConvolutionLayer {

    /** For DL4J's JSON and cloning. */
    protected LoweredConvolution() {}

    /** The layer {@code builder} describes (validated as DL4J's own {@code build()} validates it). */
    public LoweredConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
        builder.build();
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType networkDataType) {
        return Wiring.wire(
                new LoweredConvolutionLayer(conf, networkDataType),
                conf,
                listeners,
                index,
                paramsView,
                initializeParams,
                initializer());
    }
}
