package ai.dfalab.data;

import java.util.List;

/**
 * The data sets this package reads, with the folder and files each one needs under the data root.
 * Lets {@link DataLocation} check for a data set and explain how to fetch it, without loading anything.
 */
public enum DatasetName {
    MNIST("MNIST", "mnist", "data-scripts/fetch-mnist", List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")),
    CIFAR10("CIFAR-10", "cifar-10-batches-bin", "data-scripts/fetch-cifar10", List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            "test_batch.bin", "batches.meta.txt")),
    CIFAR100("CIFAR-100", "cifar-100-binary", "data-scripts/fetch-cifar100", List.of(
            "train.bin", "test.bin", "fine_label_names.txt", "coarse_label_names.txt"));

    private final String title;
    private final String folder;
    private final String fetchScript;
    private final List<String> files;

    DatasetName(String title, String folder, String fetchScript, List<String> files) {
        this.title = title;
        this.folder = folder;
        this.fetchScript = fetchScript;
        this.files = files;
    }

    /** Folder name under the data root. */
    public String folder() {
        return folder;
    }

    /** The file names the folder must hold; each may also be present gzipped, with a {@code .gz} suffix. */
    public List<String> files() {
        return files;
    }

    /** The script that downloads this data set. */
    public String fetchScript() {
        return fetchScript;
    }

    /** How to obtain the data set, for error messages. */
    String fetchHint() {
        return "The " + title + " folder must hold " + String.join(", ", files)
                + " (each plain or gzipped as .gz). Fetch them with " + fetchScript
                + ", or point " + DataLocation.ENV + " (or -D" + DataLocation.PROPERTY + ") at a data root holding "
                + folder + "/ (default " + DataLocation.DEFAULT_ROOT + ").";
    }

    @Override
    public String toString() {
        return title;
    }
}
