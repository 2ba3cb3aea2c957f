package ai.dfalab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An ILSVRC-2012 folder: {@code train/<wnid>/*.JPEG}, and validation images either as {@code val/<wnid>/*.JPEG}
 * or flat in {@code val/} with Kaggle's {@code LOC_val_solution.csv}. Classes are the sorted wnids (label 0..999).
 */
public final class ImageNetFolder {
    /** Folder name under the data root. */
    public static final String FOLDER = "imagenet";
    /** The validation labels of the Kaggle copy: {@code ImageId,PredictionString}, the wnid first in the string. */
    public static final String KAGGLE_SOLUTION = "LOC_val_solution.csv";

    /** ILSVRC-2012's is about 10 MB; a larger file is not one. */
    private static final int MAX_CSV_BYTES = 1 << 26;

    private static final String HINT = " (see data-scripts/IMAGENET.md for the layout)";

    /** One image and its class index. */
    public record Entry(Path file, int label) {}

    private final Path root;
    private final List<String> classes;

    private ImageNetFolder(Path root, List<String> classes) {
        this.root = root;
        this.classes = List.copyOf(classes);
    }

    /** The folder {@code imagenet/} under {@link DataLocation#root()}. */
    public static ImageNetFolder open() {
        return open(DataLocation.root().resolve(FOLDER));
    }

    /** Opens {@code root}, reading the class folders of {@code root/train} (their files are listed by {@link #train}). */
    public static ImageNetFolder open(Path root) {
        Path train = root.resolve("train");
        if (!Files.isDirectory(train)) {
            throw new DataFormatException(train, "missing folder: expected train/<wnid>/*.JPEG under " + root + HINT);
        }
        List<String> classes = subfolders(train);
        if (classes.isEmpty()) {
            throw new DataFormatException(train, "no class folders: expected one folder per wnid" + HINT);
        }
        return new ImageNetFolder(root, classes);
    }

    public Path root() {
        return root;
    }

    /** The wnids, sorted: class {@code k} is {@code classes().get(k)}. */
    public List<String> classes() {
        return classes;
    }

    /** Every training image with its label, class by class, files sorted by name. */
    public List<Entry> train() {
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            Path folder = root.resolve("train").resolve(classes.get(k));
            List<Path> images = images(folder);
            if (images.isEmpty()) {
                throw new DataFormatException(folder, "empty class folder: no .JPEG files");
            }
            for (Path image : images) {
                entries.add(new Entry(image, k));
            }
        }
        return entries;
    }

    /** Every validation image with its label, from {@code val/<wnid>/} folders or flat {@code val/} and its CSV. */
    public List<Entry> val() {
        Path val = root.resolve("val");
        if (!Files.isDirectory(val)) {
            throw new DataFormatException(
                    val, "missing folder: expected val/<wnid>/*.JPEG, or val/*.JPEG with " + KAGGLE_SOLUTION + HINT);
        }
        List<String> folders = subfolders(val);
        return folders.isEmpty() ? flatVal(val) : foldersVal(val, folders);
    }

    private List<Entry> foldersVal(Path val, List<String> folders) {
        Map<String, Integer> index = index();
        List<Entry> entries = new ArrayList<>();
        for (String wnid : folders) {
            Integer label = index.get(wnid);
            if (label == null) {
                throw new DataFormatException(val.resolve(wnid), "unknown class: no folder train/" + wnid);
            }
            images(val.resolve(wnid)).forEach(image -> entries.add(new Entry(image, label)));
        }
        if (entries.isEmpty()) {
            throw new DataFormatException(val, "no .JPEG files in the class folders of val/");
        }
        return entries;
    }

    private List<Entry> flatVal(Path val) {
        Path csv = Files.isRegularFile(root.resolve(KAGGLE_SOLUTION))
                ? root.resolve(KAGGLE_SOLUTION)
                : val.resolve(KAGGLE_SOLUTION);
        if (!Files.isRegularFile(csv)) {
            throw new DataFormatException(
                    csv,
                    "missing file: flat val/ needs its labels in " + KAGGLE_SOLUTION + " (in " + root + " or " + val
                            + "), or sort val/ into val/<wnid>/ folders" + HINT);
        }
        Map<String, Integer> index = index();
        Map<String, Integer> labels = new HashMap<>();
        List<String> lines = new String(
                        DataFiles.readAll(csv, MAX_CSV_BYTES, MAX_CSV_BYTES + " bytes for a validation list"),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        for (int i = 1; i < lines.size(); i++) { // line 0 is the header ImageId,PredictionString
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", 2);
            String wnid = cells.length == 2 ? cells[1].strip().split("\\s+")[0] : "";
            Integer label = index.get(wnid);
            if (label == null) {
                throw new DataFormatException(
                        csv,
                        "line " + (i + 1) + ": expected ImageId,<wnid> ... with a wnid of " + "train/, found '" + line
                                + "'");
            }
            labels.put(cells[0].strip(), label);
        }
        List<Entry> entries = new ArrayList<>();
        for (Path image : images(val)) {
            String name = image.getFileName().toString();
            Integer label = labels.remove(name.substring(0, name.lastIndexOf('.')));
            if (label == null) {
                throw new DataFormatException(image, "no label: the image is not listed in " + csv);
            }
            entries.add(new Entry(image, label));
        }
        if (entries.isEmpty()) {
            throw new DataFormatException(val, "no .JPEG files in val/");
        }
        if (!labels.isEmpty()) {
            throw new DataFormatException(
                    csv,
                    labels.size() + " listed images are missing from " + val + ", e.g. "
                            + labels.keySet().iterator().next());
        }
        return entries;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        return index;
    }

    /** Names of the visible subfolders of {@code dir}, sorted. */
    private static List<String> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataFormatException(dir, "cannot list folder (" + e + ")", e);
        }
    }

    /** The {@code .JPEG} (any case, or {@code .jpg}) files of {@code dir}, sorted by name. */
    private static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !name.startsWith(".")
                                && (name.endsWith(".jpeg") || name.endsWith(".jpg"))
                                && Files.isRegularFile(p);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataFormatException(dir, "cannot list folder (" + e + ")", e);
        }
    }

    @Override
    public String toString() {
        return "ImageNetFolder[" + root + ", " + classes.size() + " classes]";
    }
}
