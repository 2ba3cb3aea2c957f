package ai.dfalab.fit;

import ai.dfalab.probe.Alignment;
import ai.dfalab.probe.AlignmentProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.api.DataSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A DL4J listener that measures alignment (eq. 6) at every feedback point of a {@link DfaTrainer}'s network every
 * {@code every} iterations, on a fixed probe batch, and keeps it as a table: iteration, epoch, point (its DL4J layer),
 * mean and standard deviation of the cosine over the batch. The probe leaves training exactly as it was.
 */
public final class AlignmentListener extends BaseTrainingListener {
    private final DfaTrainer trainer;
    private final DataSet probe;
    private final int every;
    private final IntColumn iteration = IntColumn.create("iteration");
    private final IntColumn epoch = IntColumn.create("epoch");
    private final IntColumn layer = IntColumn.create("layer");
    private final DoubleColumn mean = DoubleColumn.create("cos mean");
    private final DoubleColumn std = DoubleColumn.create("cos std");

    /** Alignment of {@code trainer}'s feedback on {@code probe} (e.g. 128 test samples) after every {@code every}-th step. */
    public AlignmentListener(DfaTrainer trainer, DataSet probe, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 iteration, got " + every);
        }
        this.trainer = trainer;
        this.probe = probe;
        this.every = every;
    }

    @Override
    public void iterationDone(Model model, int iterationNumber, int epochNumber) {
        if ((iterationNumber + 1) % every != 0) {
            return;
        }
        Alignment a =
                AlignmentProbe.measure(trainer.blocks(), trainer.feedback(), probe.getFeatures(), probe.getLabels());
        int[] points = trainer.points();
        for (int p = 0; p < a.points().size(); p++) {
            iteration.append(iterationNumber + 1);
            epoch.append(epochNumber);
            layer.append(points[p]);
            mean.append(a.means()[p]);
            std.append(a.stds()[p]);
        }
    }

    /** Mean cosine against the iteration, one {@code {iterations, means}} series per point ("layer L"), for charts. */
    public Map<String, double[][]> curves() {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        Table all = table();
        for (int point : trainer.points()) {
            Table rows = all.where(all.intColumn("layer").isEqualTo(point));
            curves.put("layer " + point, new double[][] {
                rows.intColumn("iteration").asDoubleArray(),
                rows.doubleColumn("cos mean").asDoubleArray()
            });
        }
        return curves;
    }

    /** Every measurement so far, one row per iteration and point. */
    public Table table() {
        return Table.create("alignment during training", iteration, epoch, layer, mean, std)
                .copy();
    }
}
