package ai.dfalab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ImageNet streamed from {@code imagenet/} under the data root: every batch decoded from its JPEGs by
 * {@link ImageNetBatches} on threads a few batches ahead of training (1.28 M images cannot be held in memory).
 * Training: a random 224 crop and flip per image from the run's seed and the epoch; testing and the alignment probe:
 * the centre crop. Validation images are taken in the order of their file names ({@code ILSVRC2012_val_<n>}, the
 * official order, whether {@code val/} is flat or in wnid folders), so "the first N" is a sample of all classes.
 */
public final class StreamedImageNet implements TrainingData {
    /** Training subsets ({@code trainLimit}) are the first images of one fixed shuffle, the same for every run seed. */
    static final long SUBSET_SEED = 0;
    /** Batches decoded ahead of the consumer: enough to hide a slow decode, each batch costs 600 KB per image. */
    static final int PREFETCH = 2;

    private static final Map<Path, Index> INDEXES = new ConcurrentHashMap<>();

    /** A folder's classes and images (listing 1.28 M files takes a while: once per JVM). */
    private record Index(int classes, List<ImageNetFolder.Entry> train, List<ImageNetFolder.Entry> val) {}

    private final Path folder;
    private final int classes;
    private final int allTrain;
    private final List<ImageNetFolder.Entry> train;
    private final List<ImageNetFolder.Entry> val;
    private final int batch;
    private final int threads;
    private final ImageNetTransform transform = ImageNetTransform.standard();

    private StreamedImageNet(Path folder, Index index, DataRequest spec, int threads) {
        this.folder = folder;
        this.classes = index.classes();
        this.allTrain = index.train().size();
        this.train = spec.trainLimit() > 0 ? subset(index.train(), spec.trainLimit()) : index.train();
        this.val = spec.testLimit() > 0
                ? index.val().subList(0, Math.min(spec.testLimit(), index.val().size()))
                : index.val();
        this.batch = spec.batch();
        this.threads = threads;
    }

    /** The ImageNet data of {@code spec} under the data root {@code root}, decoded on {@link #decoderThreads()} threads. */
    public static StreamedImageNet open(DataRequest spec, Path root) {
        DataLocation.require(root, DatasetName.IMAGENET);
        Path folder =
                root.resolve(DatasetName.IMAGENET.folder()).toAbsolutePath().normalize();
        return new StreamedImageNet(
                folder, INDEXES.computeIfAbsent(folder, StreamedImageNet::index), spec, decoderThreads());
    }

    /** Classes of the ImageNet folder under {@code root}: its {@code train/} wnid folders (1000 in ILSVRC-2012). */
    public static int classes(Path root) {
        DataLocation.require(root, DatasetName.IMAGENET);
        return ImageNetFolder.open(root.resolve(DatasetName.IMAGENET.folder()))
                .classes()
                .size();
    }

    /** One thread is left to the training loop; the others decode (they idle once {@link #PREFETCH} batches wait). */
    static int decoderThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    private static Index index(Path folder) {
        ImageNetFolder images = ImageNetFolder.open(folder);
        List<ImageNetFolder.Entry> val = new ArrayList<>(images.val());
        val.sort(Comparator.comparing(e -> e.file().getFileName().toString()));
        return new Index(images.classes().size(), List.copyOf(images.train()), List.copyOf(val));
    }

    private static List<ImageNetFolder.Entry> subset(List<ImageNetFolder.Entry> all, int n) {
        int[] order = TrainingData.shuffled(all.size(), new SplittableRandom(SUBSET_SEED));
        List<ImageNetFolder.Entry> chosen = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            chosen.add(all.get(order[i]));
        }
        return chosen;
    }

    /** The training images a run sees, in the order its subset was chosen. */
    public List<ImageNetFolder.Entry> train() {
        return train;
    }

    /** The validation images a run tests on, in order. */
    public List<ImageNetFolder.Entry> val() {
        return val;
    }

    public int classes() {
        return classes;
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public int testSize() {
        return val.size();
    }

    @Override
    public Batches epoch(long seed, int epoch, int batchSize, int steps) {
        ImageNetBatches batches =
                ImageNetBatches.training(train, classes, batchSize, transform, seed, epoch, threads, PREFETCH);
        return new Batches() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < steps && batches.hasNext();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + (epoch + 1) + " has " + steps + " steps");
                }
                step++;
                return batches.next();
            }

            @Override
            public void close() {
                batches.close(); // also drops the partial last batch, which training skips
            }
        };
    }

    @Override
    public Batches test() {
        return ImageNetBatches.evaluation(val, classes, batch, transform, threads, PREFETCH);
    }

    @Override
    public Batch probe(int n) {
        try (ImageNetBatches batches = ImageNetBatches.evaluation(val.subList(0, n), classes, n, transform, 1, 1)) {
            return batches.next();
        }
    }

    @Override
    public double exactAccuracy(boolean[] correct) {
        return Double.NaN;
    }

    @Override
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "ImageNet streamed from %s: %d classes, %d of %d training images, %d validation images,"
                        + " %d decoder threads",
                folder,
                classes,
                train.size(),
                allTrain,
                val.size(),
                threads);
    }

    @Override
    public void close() {
        // every ImageNetBatches is closed by whoever opened it: nothing runs between epochs
    }
}
