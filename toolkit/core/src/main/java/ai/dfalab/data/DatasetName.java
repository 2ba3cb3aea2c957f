package ai.dfalab.data;

import ai.dfalab.choice.Choice;
import java.util.List;
import java.util.Optional;

/**
 * The data sets this package reads, with the folder and files (or sub-folders) each one needs under the data root.
 * Lets {@link DataLocation} check for a data set and explain how to obtain it, without loading anything.
 */
public enum DatasetName implements Choice {
    MNIST(
            "MNIST",
            10,
            "mnist",
            "data-scripts/fetch-mnist",
            List.of(
                    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
            List.of()),
    CIFAR10(
            "CIFAR-10",
            10,
            "cifar-10-batches-bin",
            "data-scripts/fetch-cifar10",
            List.of(
                    "data_batch_1.bin",
                    "data_batch_2.bin",
                    "data_batch_3.bin",
                    "data_batch_4.bin",
                    "data_batch_5.bin",
                    "test_batch.bin",
                    "batches.meta.txt"),
            List.of()),
    CIFAR100(
            "CIFAR-100",
            100,
            "cifar-100-binary",
            "data-scripts/fetch-cifar100",
            List.of("train.bin", "test.bin", "fine_label_names.txt", "coarse_label_names.txt"),
            List.of()),
    /** ILSVRC-2012 in {@link ImageNetFolder}'s layout; too large to load, runs stream it from disk. */
    IMAGENET("ImageNet", 0, ImageNetFolder.FOLDER, null, List.of(), List.of("train", "val"));

    /** Where ImageNet's preparation is explained (it cannot be fetched by a script: it needs a login). */
    public static final String IMAGENET_GUIDE = "data-scripts/IMAGENET.md";
    /** The script that checks a prepared ImageNet folder. */
    public static final String IMAGENET_CHECK = "data-scripts/verify-imagenet";

    private final String title;
    private final int classes;
    private final String folder;
    private final String fetchScript;
    private final List<String> files;
    private final List<String> folders;

    DatasetName(
            String title, int classes, String folder, String fetchScript, List<String> files, List<String> folders) {
        this.title = title;
        this.classes = classes;
        this.folder = folder;
        this.fetchScript = fetchScript;
        this.files = files;
        this.folders = folders;
    }

    /** Number of classes; 0 for ImageNet, whose classes are the wnid folders of the copy at hand. */
    public int classes() {
        return classes;
    }

    /** Folder name under the data root. */
    public String folder() {
        return folder;
    }

    /** The file names the folder must hold; each may also be present gzipped, with a {@code .gz} suffix. */
    public List<String> files() {
        return files;
    }

    /** The sub-folders the folder must hold (ImageNet's {@code train/} and {@code val/}); their images are checked when read. */
    public List<String> folders() {
        return folders;
    }

    /** The script that downloads this data set; none for ImageNet (see {@link #IMAGENET_GUIDE}). */
    public Optional<String> fetchScript() {
        return Optional.ofNullable(fetchScript);
    }

    /** How to obtain the data set, for error messages. */
    String fetchHint() {
        String root = " point " + DataLocation.ENV + " (or -D" + DataLocation.PROPERTY + ") at a data root holding "
                + folder + "/ (default " + DataLocation.DEFAULT_ROOT + ").";
        if (fetchScript == null) {
            return "The " + title + " folder must hold train/<wnid>/*.JPEG and val/ (per-wnid folders, or flat with "
                    + ImageNetFolder.KAGGLE_SOLUTION + "). It cannot be fetched by a script (the images need a login):"
                    + " prepare it as " + IMAGENET_GUIDE + " describes, check it with " + IMAGENET_CHECK + ", then"
                    + root;
        }
        return "The " + title + " folder must hold " + String.join(", ", files)
                + " (each plain or gzipped as .gz). Fetch them with " + fetchScript + ", or" + root;
    }

    /** By id or title, in any case ({@code cifar10}, {@code CIFAR-10}). */
    public static DatasetName parse(String id) {
        return Choice.find(DatasetName.class, id.replace("-", ""))
                .orElseThrow(() -> Choice.unknown(DatasetName.class, "data set", id));
    }

    @Override
    public String toString() {
        return title;
    }
}
