package ai.dfalab.data;

import ai.dfalab.backend.DaemonThreads;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's Table 3 input pipeline for CIFAR: each 32 x 32 image scaled to 256 x 256 (bilinear), a random 224 crop
 * and a random horizontal flip, drawn per batch from a seed; a centre crop for evaluation. Spread over threads.
 */
public final class ScaledCropFlip implements AutoCloseable {
    private final int side;
    private final int scaled;
    private final int crop;
    private final Resample axis;
    private final ExecutorService pool;
    private final int threads;

    /** Images of {@code side x side} scaled to {@code scaled x scaled}, cropped to {@code crop}, on {@code threads}. */
    public ScaledCropFlip(int side, int scaled, int crop, int threads) {
        if (side <= 0 || crop <= 0 || crop > scaled || threads <= 0) {
            throw new IllegalArgumentException("need 0 < crop <= scaled, side > 0 and threads > 0: side " + side
                    + ", scaled " + scaled + ", crop " + crop + ", threads " + threads);
        }
        this.side = side;
        this.scaled = scaled;
        this.crop = crop;
        this.axis = Resample.axis(side, scaled);
        this.threads = threads;
        this.pool = threads == 1 ? null : DaemonThreads.pool(threads, "scaled-crop-flip");
    }

    /** The paper's setting: 32 -> 256 -> crop 224. */
    public static ScaledCropFlip table3(int threads) {
        return new ScaledCropFlip(32, 256, 224, threads);
    }

    /** Side of the output images. */
    public int cropSide() {
        return crop;
    }

    /** Features per output sample: 3 x crop x crop, flattened CHW (a C-order reshape to NCHW is free). */
    public int features() {
        return RgbImage.CHANNELS * crop * crop;
    }

    /** {@code n} crops uniform over the 0..scaled-crop offsets, each mirrored with probability 1/2, from {@code seed}. */
    public List<Crop> randomCrops(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Crop> crops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            crops.add(new Crop(
                    random.nextInt(scaled - crop + 1), random.nextInt(scaled - crop + 1), random.nextBoolean()));
        }
        return crops;
    }

    /** The evaluation crop: centred, not mirrored. */
    public Crop centerCrop() {
        int offset = (scaled - crop) / 2;
        return new Crop(offset, offset, false);
    }

    /** {@code batch} augmented for training with the crops of {@link #randomCrops randomCrops(seed, size)}. */
    public Batch train(Batch batch, long seed) {
        return apply(batch, randomCrops(seed, batch.size()));
    }

    /** {@code batch} centre-cropped for evaluation. */
    public Batch eval(Batch batch) {
        return apply(batch, Collections.nCopies(batch.size(), centerCrop()));
    }

    /**
     * A training augmentation to call once per batch: call {@code k} uses seed {@code seed + k}, so a run that draws
     * its batches in the same order gets the same crops.
     */
    public UnaryOperator<Batch> training(long seed) {
        AtomicLong calls = new AtomicLong();
        return batch -> train(batch, seed + calls.getAndIncrement());
    }

    /** {@code batch} (features n x 3 side^2, CHW rows) scaled and cut at {@code crops}; labels unchanged. */
    public Batch apply(Batch batch, List<Crop> crops) {
        int n = batch.size();
        long in = batch.features().columns();
        if (in != (long) RgbImage.CHANNELS * side * side || crops.size() != n) {
            throw new IllegalArgumentException("expected " + n + " crops for " + n + " samples of 3 x " + side + " x "
                    + side + " = " + RgbImage.CHANNELS * side * side + " features, got " + crops.size() + " crops and "
                    + in + " features");
        }
        float[][] rows = batch.features().toFloatMatrix();
        INDArray x = OffHeap.floats(n, features());
        FloatBuffer target = x.data().asNioFloat();
        run(n, (from, to) -> {
            float[] scratch = new float[side * crop];
            float[] sample = new float[features()];
            float[] one = {1f, 1f, 1f};
            float[] zero = {0f, 0f, 0f};
            for (int i = from; i < to; i++) {
                // Features are already normalised and the resampling is linear: no re-normalisation.
                Resample.crop(
                        new RgbImage(side, side, rows[i]),
                        axis,
                        axis,
                        crops.get(i),
                        crop,
                        one,
                        zero,
                        sample,
                        0,
                        scratch);
                target.put(i * features(), sample); // absolute put: threads write disjoint rows
            }
        });
        return new Batch(x, batch.labels());
    }

    /** Runs {@code work} over samples [0, n), split into one contiguous range per thread. */
    private void run(int n, RangeWork work) {
        if (pool == null || n < 2) {
            work.run(0, n);
            return;
        }
        int parts = Math.min(threads, n);
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            tasks.add(() -> {
                work.run(from, to);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while augmenting a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("augmenting a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private interface RangeWork {
        void run(int from, int to);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ScaledCropFlip[" + side + " -> " + scaled + ", crop " + crop + ", threads " + threads + "]";
    }
}
