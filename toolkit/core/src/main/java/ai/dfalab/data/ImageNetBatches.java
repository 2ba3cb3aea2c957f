package ai.dfalab.data;

import ai.dfalab.backend.DaemonThreads;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch of ImageNet batches (features n x 3 x 224 x 224, flattened NCHW; one-hot labels), decoded and transformed
 * by a pool of threads up to {@code prefetch} batches ahead of the consumer. Repeatable: order and crops come from
 * the seed, not from thread timing. Close it to stop the threads.
 */
public final class ImageNetBatches implements TrainingData.Batches {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final List<ImageNetFolder.Entry> entries;
    private final int classes;
    private final int batchSize;
    private final ImageNetTransform transform;
    private final Visits visits;
    private final int threads;
    private final int prefetch;
    private final ExecutorService pool;
    /** The pool's threads, joined on close: a terminated pool's last worker may still be finishing its exit. */
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    private final Deque<Pending> pending = new ArrayDeque<>();
    private int submitted;
    private boolean closed;

    /** A batch being decoded: its output arrays and one future per slice of its samples. */
    private record Pending(INDArray features, float[] labels, int size, List<Future<?>> slices) {}

    /** The image each position of the epoch shows and, per position, the seed of its crop (none: centre crops). */
    private record Visits(int[] order, long[] cropSeeds) {
        static Visits inOrder(int n) {
            return new Visits(IntStream.range(0, n).toArray(), null);
        }

        /** A shuffle, then the crop seeds, drawn from {@code seed} and {@code epoch} only. */
        static Visits shuffled(int n, long seed, int epoch) {
            SplittableRandom random = new SplittableRandom(seed).split();
            for (int e = 0; e < epoch; e++) {
                random = random.split(); // a fresh, reproducible stream per epoch
            }
            int[] order = TrainingData.shuffled(n, random);
            long[] cropSeeds = new long[n];
            for (int i = 0; i < n; i++) {
                cropSeeds[i] = random.nextLong();
            }
            return new Visits(order, cropSeeds);
        }

        boolean training() {
            return cropSeeds != null;
        }

        Crop crop(int position, RgbImage image, ImageNetTransform transform) {
            return training()
                    ? transform.randomCrop(image.height(), image.width(), new SplittableRandom(cropSeeds[position]))
                    : transform.centerCrop(image.height(), image.width());
        }
    }

    private ImageNetBatches(
            List<ImageNetFolder.Entry> entries,
            int classes,
            int batchSize,
            ImageNetTransform transform,
            Visits visits,
            int threads,
            int prefetch) {
        if (entries.isEmpty() || classes <= 0 || batchSize <= 0 || threads <= 0 || prefetch <= 0) {
            throw new IllegalArgumentException("need images, classes, batch size, threads and prefetch all > 0, got "
                    + entries.size() + ", " + classes + ", " + batchSize + ", " + threads + ", " + prefetch);
        }
        for (ImageNetFolder.Entry e : entries) {
            if (e.label() < 0 || e.label() >= classes) {
                throw new IllegalArgumentException(e + ": label outside 0.." + (classes - 1));
            }
        }
        this.entries = List.copyOf(entries);
        this.classes = classes;
        this.batchSize = batchSize;
        this.transform = transform;
        this.visits = visits;
        this.threads = threads;
        this.prefetch = prefetch;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = DaemonThreads.pool(
                threads, () -> "imagenet-decoder-" + id + "-" + count.incrementAndGet(), workers::add);
        while (pending.size() < prefetch && submitted < entries.size()) {
            submitNext();
        }
    }

    /**
     * Training batches of epoch {@code epoch}: shuffled, random crops and flips, all drawn from {@code seed}
     * and {@code epoch}. The last batch may be smaller.
     */
    public static ImageNetBatches training(
            List<ImageNetFolder.Entry> entries,
            int classes,
            int batchSize,
            ImageNetTransform transform,
            long seed,
            int epoch,
            int threads,
            int prefetch) {
        Visits visits = Visits.shuffled(entries.size(), seed, epoch);
        return new ImageNetBatches(entries, classes, batchSize, transform, visits, threads, prefetch);
    }

    /** Validation batches in the given order, centre crops. The last batch may be smaller. */
    public static ImageNetBatches evaluation(
            List<ImageNetFolder.Entry> entries,
            int classes,
            int batchSize,
            ImageNetTransform transform,
            int threads,
            int prefetch) {
        Visits visits = Visits.inOrder(entries.size());
        return new ImageNetBatches(entries, classes, batchSize, transform, visits, threads, prefetch);
    }

    /** Number of batches in the epoch. */
    public int batches() {
        return (entries.size() + batchSize - 1) / batchSize;
    }

    /** Batches decoded and waiting for the consumer (at most {@code prefetch}): 0 means the trainer would wait. */
    public int ready() {
        return (int) pending.stream()
                .takeWhile(p -> p.slices().stream().allMatch(Future::isDone))
                .count();
    }

    @Override
    public boolean hasNext() {
        return !closed && !pending.isEmpty();
    }

    /** The next batch, waiting for its decoding if the threads are behind. */
    @Override
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("ImageNet batches already closed");
        }
        if (pending.isEmpty()) {
            throw new NoSuchElementException("the epoch's " + batches() + " batches are all taken");
        }
        Pending head = pending.removeFirst();
        try {
            for (Future<?> slice : head.slices()) {
                slice.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for ImageNet batches", e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof DataFormatException bad) {
                throw bad;
            }
            throw new IllegalStateException("decoding an ImageNet batch failed: " + e.getCause(), e.getCause());
        }
        if (submitted < entries.size()) {
            submitNext(); // keeps `prefetch` batches in flight
        }
        INDArray y = Nd4j.create(head.labels(), new long[] {head.size(), classes}, 'c');
        return new Batch(head.features(), y);
    }

    private void submitNext() {
        int from = submitted;
        int size = Math.min(batchSize, entries.size() - from);
        submitted += size;
        INDArray features = OffHeap.floats(size, transform.features());
        FloatBuffer target = features.data().asNioFloat();
        float[] labels = new float[size * classes];
        // Slices so that all threads work on the oldest batch first: the consumer's wait is as short as it can be.
        int slices = Math.min(threads, size);
        List<Future<?>> futures = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int lo = size * s / slices;
            int hi = size * (s + 1) / slices;
            futures.add(pool.submit(() -> decode(from, lo, hi, target, labels)));
        }
        pending.addLast(new Pending(features, labels, size, futures));
    }

    /** Samples {@code lo..hi} of the batch starting at position {@code from}, written into {@code features}. */
    private void decode(int from, int lo, int hi, FloatBuffer features, float[] labels) {
        float[] scratch = new float[0];
        float[] sample = new float[transform.features()];
        for (int i = lo; i < hi; i++) {
            int position = from + i;
            ImageNetFolder.Entry entry = entries.get(visits.order()[position]);
            RgbImage image = JpegFiles.decode(entry.file());
            Crop crop = visits.crop(position, image, transform);
            if (scratch.length < transform.scratchSize(image)) {
                scratch = new float[transform.scratchSize(image)];
            }
            transform.apply(image, crop, sample, 0, scratch);
            features.put(i * transform.features(), sample); // absolute put: slices write disjoint rows
            labels[i * classes + entry.label()] = 1f;
        }
    }

    /** Stops the decoder threads and drops the batches in flight; waits (briefly) for the threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        pool.shutdownNow();
        // An interrupted consumer closes too (that is how a run stops): its interrupt is set aside while it waits.
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Thread t : workers) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether every decoder thread has ended (after {@link #close}). */
    public boolean terminated() {
        return pool.isTerminated() && workers.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public String toString() {
        return "ImageNetBatches[" + entries.size() + " images, batch " + batchSize + ", " + threads + " threads, "
                + prefetch + " batches ahead, " + (visits.training() ? "training" : "evaluation") + "]";
    }
}
