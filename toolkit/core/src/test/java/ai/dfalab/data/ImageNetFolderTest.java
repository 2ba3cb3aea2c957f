package ai.dfalab.data;

import static ai.dfalab.data.MnistFormatTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ILSVRC-2012 folder index on generated trees: labels from sorted wnids, both validation forms, named errors. */
class ImageNetFolderTest {
    @TempDir
    Path root;

    @Test
    void trainLabelsFollowTheSortedWnids() throws IOException {
        ImageNetFixtures.tree(root, 3);
        ImageNetFolder folder = ImageNetFolder.open(root);
        assertEquals(List.of(ImageNetFixtures.WNIDS), folder.classes());
        List<ImageNetFolder.Entry> train = folder.train();
        assertEquals(9, train.size());
        for (ImageNetFolder.Entry e : train) {
            assertEquals(
                    folder.classes().get(e.label()),
                    e.file().getParent().getFileName().toString());
        }
        assertEquals(
                root.resolve("train/n01443537/n01443537_0.JPEG"), train.get(3).file());
    }

    @Test
    void valFromWnidFolders() throws IOException {
        ImageNetFixtures.tree(root, 1);
        List<ImageNetFolder.Entry> val = ImageNetFolder.open(root).val();
        assertEquals(6, val.size());
        assertEquals(
                new ImageNetFolder.Entry(root.resolve("val/n01484850/ILSVRC2012_val_00000006.JPEG"), 2), val.get(5));
    }

    @Test
    void flatValWithTheKaggleSolutionFile() throws IOException {
        ImageNetFixtures.tree(root, 1);
        flattenVal();
        Files.writeString(root.resolve(ImageNetFolder.KAGGLE_SOLUTION), """
                ImageId,PredictionString
                ILSVRC2012_val_00000003,n01443537 1 2 30 40 n01443537 5 5 20 20
                ILSVRC2012_val_00000001,n01440764 0 0 10 10
                ILSVRC2012_val_00000002,n01440764 0 0 10 10
                ILSVRC2012_val_00000004,n01443537 0 0 10 10
                ILSVRC2012_val_00000005,n01484850 0 0 10 10
                ILSVRC2012_val_00000006,n01484850 0 0 10 10
                """);
        List<ImageNetFolder.Entry> val = ImageNetFolder.open(root).val();
        assertEquals(6, val.size());
        assertEquals(new ImageNetFolder.Entry(root.resolve("val/ILSVRC2012_val_00000003.JPEG"), 1), val.get(2));
        assertEquals(
                List.of(0, 0, 1, 1, 2, 2),
                val.stream().map(ImageNetFolder.Entry::label).toList());
    }

    @Test
    void flatValWithoutItsLabelsIsNamed() throws IOException {
        ImageNetFixtures.tree(root, 1);
        flattenVal();
        assertProblem(
                root.resolve("val").resolve(ImageNetFolder.KAGGLE_SOLUTION),
                "missing file: flat val/ needs",
                () -> ImageNetFolder.open(root).val());
    }

    @Test
    void unlistedValImageAndUnknownWnidAreNamed() throws IOException {
        ImageNetFixtures.tree(root, 1);
        flattenVal();
        Path csv = root.resolve(ImageNetFolder.KAGGLE_SOLUTION);
        Files.writeString(csv, "ImageId,PredictionString\nILSVRC2012_val_00000001,n01440764 0 0 1 1\n");
        assertProblem(
                root.resolve("val/ILSVRC2012_val_00000002.JPEG"),
                "no label: the image is not listed in",
                () -> ImageNetFolder.open(root).val());
        Files.writeString(csv, "ImageId,PredictionString\nILSVRC2012_val_00000001,n99999999 0 0 1 1\n");
        assertProblem(
                csv,
                "line 2: expected ImageId,<wnid>",
                () -> ImageNetFolder.open(root).val());
    }

    @Test
    void missingTrainFolderIsNamed() {
        assertProblem(
                root.resolve("train"), "missing folder: expected train/<wnid>/*.JPEG", () -> ImageNetFolder.open(root));
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        ImageNetFixtures.tree(root, 1);
        Files.createDirectories(root.resolve("train/n02000000"));
        Files.writeString(root.resolve("train/n02000000/readme.txt"), "not an image");
        assertProblem(
                root.resolve("train/n02000000"),
                "empty class folder: no .JPEG files",
                () -> ImageNetFolder.open(root).train());
    }

    @Test
    void valClassUnknownToTrainIsNamed() throws IOException {
        ImageNetFixtures.tree(root, 1);
        Files.createDirectories(root.resolve("val/n09999999"));
        assertProblem(
                root.resolve("val/n09999999"),
                "unknown class: no folder train/n09999999",
                () -> ImageNetFolder.open(root).val());
    }

    /** Moves every val/<wnid>/*.JPEG up into val/, as the Kaggle and official archives ship them. */
    private void flattenVal() throws IOException {
        for (String wnid : ImageNetFixtures.WNIDS) {
            Path dir = root.resolve("val").resolve(wnid);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.move(f, root.resolve("val").resolve(f.getFileName()));
                }
            }
            Files.delete(dir);
        }
    }
}
