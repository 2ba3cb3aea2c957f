package ai.dfalab.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads each in-memory data set once per JVM: a notebook runs many experiments on the same 600 MB of CIFAR-10.
 * ImageNet is not loaded: runs stream it ({@link StreamedImageNet}).
 */
public final class DataCache {
    private static final Map<String, LabeledData> CACHE = new ConcurrentHashMap<>();

    private DataCache() {}

    /** {@code split} of {@code set} under {@link DataLocation#root()}. */
    public static LabeledData get(DatasetName set, Split split) {
        return get(set, split, DataLocation.root());
    }

    /** {@code split} of {@code set} under the data root {@code root}. */
    public static LabeledData get(DatasetName set, Split split, Path root) {
        Path dir = root.resolve(set.folder());
        return CACHE.computeIfAbsent(set + "|" + split + "|" + dir.toAbsolutePath(), k -> switch (set) {
            case MNIST -> Mnist.load(dir, split);
            case CIFAR10 -> Cifar10.load(dir, split);
            case CIFAR100 -> Cifar100.load(dir, split);
            case IMAGENET ->
                throw new IllegalArgumentException(dir + ": ImageNet is too large to hold in memory; runs"
                        + " stream it from disk (a RunSpec with dataset IMAGENET)");
        });
    }
}
