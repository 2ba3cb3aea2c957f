package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs data-scripts/verify-imagenet, verify (CIFAR-100) and fetch-cifar100 on generated folders: what they accept,
 * and that each kind of damage is reported with a non-zero exit.
 */
class DataScriptsTest {
    private static final Path SCRIPTS = Path.of(System.getProperty("dfa.repo", "../.."), "data-scripts")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path root;

    private record Run(int status, String output) {}

    private static Run run(List<String> command, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script finished: " + command);
        return new Run(p.exitValue(), out);
    }

    private Run verifyImagenet(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(SCRIPTS.resolve("verify-imagenet").toString(), "--classes", "3", "--train", "9", "--val", "6"));
        cmd.addAll(List.of(extra));
        cmd.add(root.toString());
        return run(cmd);
    }

    @Test
    void acceptsATreeWithValClassFolders() throws Exception {
        ImageNetFixtures.tree(root, 3);
        Run r = verifyImagenet();
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("ok       train/: 9 images"), r.output());
        assertTrue(r.output().contains("looks complete"), r.output());
    }

    @Test
    void acceptsAFlatValWithTheKaggleCsvAndReportsItsFaults() throws Exception {
        ImageNetFixtures.tree(root, 3);
        StringBuilder csv = new StringBuilder("ImageId,PredictionString\r\n");
        for (int k = 0; k < 3; k++) {
            String wnid = ImageNetFixtures.WNIDS[k];
            try (var files = Files.list(root.resolve("val").resolve(wnid))) {
                for (Path f : files.toList()) {
                    Files.move(f, root.resolve("val").resolve(f.getFileName()));
                    String id = f.getFileName().toString().replace(".JPEG", "");
                    csv.append(id).append(',').append(wnid).append(" 1 2 3 4\r\n");
                }
            }
            Files.delete(root.resolve("val").resolve(wnid));
        }
        Run missing = verifyImagenet();
        assertEquals(1, missing.status(), missing.output());
        assertTrue(missing.output().contains("LOC_val_solution.csv: missing file"), missing.output());

        Files.writeString(root.resolve(ImageNetFolder.KAGGLE_SOLUTION), csv);
        Run ok = verifyImagenet();
        assertEquals(0, ok.status(), ok.output());
        assertTrue(ok.output().contains("ok       LOC_val_solution.csv: 6 labels"), ok.output());
        assertEquals(6, ImageNetFolder.open(root).val().size(), "the loader reads the same CSV");

        Files.delete(root.resolve("val/ILSVRC2012_val_00000004.JPEG"));
        Run gone = verifyImagenet();
        assertEquals(1, gone.status());
        assertTrue(
                gone.output().contains("1 listed images are not in val/, e.g. ILSVRC2012_val_00000004"), gone.output());
    }

    @Test
    void reportsEmptyClassesStrayNamesAndWrongCounts() throws Exception {
        ImageNetFixtures.tree(root, 3);
        Files.createDirectories(root.resolve("train/extras"));
        Files.createDirectories(root.resolve("val/n07777777"));
        Run r = verifyImagenet();
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("PROBLEM  train/: 4 class folders, expected 3"), r.output());
        assertTrue(r.output().contains("1 folder names are not wnids (n + 8 digits), e.g. extras"), r.output());
        assertTrue(r.output().contains("1 class folders hold no .JPEG file, e.g. extras"), r.output());
        assertTrue(r.output().contains("val/: 1 class folders are not in train/, e.g. n07777777"), r.output());
        Run full = run(List.of(SCRIPTS.resolve("verify-imagenet").toString(), root.toString()));
        assertTrue(full.output().contains("train/: 9 .JPEG images, expected 1281167"), full.output());
    }

    @Test
    void missingTrainFolderIsReported() throws Exception {
        Run r = verifyImagenet();
        assertEquals(1, r.status());
        assertTrue(r.output().contains(root.resolve("train") + ": missing folder"), r.output());
    }

    @Test
    void verifyChecksCifar100SizesAndLabelNames() throws Exception {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        sized(dir.resolve("train.bin"), 153_700_000L);
        Fixtures.writeGz(dir.resolve("test.bin"), new byte[30_740_000]);
        Files.writeString(dir.resolve("fine_label_names.txt"), "x\n".repeat(100) + "\n");
        Files.writeString(dir.resolve("coarse_label_names.txt"), "y\n".repeat(20));
        Run ok = run(List.of(SCRIPTS.resolve("verify").toString(), root.toString(), "cifar100"));
        assertEquals(0, ok.status(), ok.output());
        assertTrue(ok.output().contains("ok       cifar-100-binary/test.bin (official size; sha256 "), ok.output());

        sized(dir.resolve("train.bin"), 153_700_000L - Cifar100.RECORD_BYTES);
        Files.writeString(dir.resolve("coarse_label_names.txt"), "y\n".repeat(19));
        Run bad = run(List.of(SCRIPTS.resolve("verify").toString(), root.toString(), "cifar100"));
        assertEquals(1, bad.status(), bad.output());
        assertTrue(
                bad.output()
                        .contains("WRONG    cifar-100-binary/train.bin: 153696926 bytes, the official file has "
                                + "153700000"),
                bad.output());
        assertTrue(bad.output().contains("coarse_label_names.txt: 19 names, expected 20"), bad.output());
    }

    @Test
    void fetchCifar100RefusesATarballWithTheWrongMd5() throws Exception {
        requireCurl();
        Path fake = Fixtures.write(root.resolve("fake.tar.gz"), Fixtures.gzip("not the data set".getBytes()));
        assertRefusedUnextracted(
                fetch("fetch-cifar100", "CIFAR100_URL", fake), "03b5dce01913d631647c71ecec9e9cb8", "cifar-100-binary");
    }

    @Test
    void fetchCifar10ChecksTheTarballBeforeExtracting() throws Exception {
        requireCurl();
        // A real tar.gz holding a plausible but wrong test_batch.bin: extracting first would put it in place.
        Path staged = root.resolve("staged/cifar-10-batches-bin");
        Fixtures.write(staged.resolve("test_batch.bin"), new byte[3073]);
        Path fake = root.resolve("fake.tar.gz");
        Process tar = new ProcessBuilder(
                        "tar", "-czf", fake.toString(), "-C", staged.getParent().toString(), ".")
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        assertRefusedUnextracted(
                fetch("fetch-cifar10", "CIFAR10_URL", fake),
                "c32a1d4ab5d03f1284b67883e8d87530",
                "cifar-10-batches-bin");
    }

    @Test
    void fetchMnistKeepsNoFileWhoseChecksumIsWrong() throws Exception {
        requireCurl();
        Path mirror = root.resolve("mirror");
        for (String f : DatasetName.MNIST.files()) {
            Fixtures.write(mirror.resolve(f + DataLocation.GZIP_SUFFIX), Fixtures.gzip("not MNIST".getBytes()));
        }
        Run r = fetch("fetch-mnist", "MNIST_BASE", mirror);
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("MISMATCH train-images-idx3-ubyte.gz"), r.output());
        try (var left = Files.list(fetched().resolve("mnist"))) {
            assertEquals(List.of(), left.toList(), "a download that failed its checksum was kept");
        }
    }

    /** Where the fetch scripts are told to put the data sets. */
    private Path fetched() {
        return root.resolve("data");
    }

    /** Runs data-scripts/{@code script} into {@link #fetched()}, its download ({@code variable}) from {@code source}. */
    private Run fetch(String script, String variable, Path source) throws IOException, InterruptedException {
        return run(
                List.of(SCRIPTS.resolve(script).toString(), fetched().toString()),
                variable,
                source.toUri().toString());
    }

    /** The fetch failed on the tarball's checksum {@code md5} and left no {@code folder}: it checks before extracting. */
    private void assertRefusedUnextracted(Run r, String md5, String folder) {
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("the official md5 is " + md5 + "; nothing extracted"), r.output());
        assertFalse(Files.exists(fetched().resolve(folder)), "extracted before the check");
    }

    private static void requireCurl() {
        RealData.require(
                Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl not installed (neither /usr/bin/curl nor /bin/curl): the fetch scripts need it");
    }

    /** A sparse file of {@code bytes} zeros: official sizes without writing 150 MB. */
    private static void sized(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }
}
