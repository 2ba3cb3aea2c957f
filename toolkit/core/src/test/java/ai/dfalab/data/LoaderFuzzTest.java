package ai.dfalab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loaders on mutated files: small valid files in the official formats (MNIST IDX, CIFAR-10/100 binary, an
 * ImageNet JPEG and validation list), mutated by a seeded loop (bit flips, boundary values in the header, cuts,
 * insertions, repeats; plain, gzipped, or with the gzip stream itself damaged) for a bounded time each. The only
 * outcomes allowed are a consistent data set and a {@link DataFormatException} naming a file; anything else fails
 * with the seed and iteration that reproduce it. Jazzer is not among the packages this build can fetch, hence a loop
 * of our own. {@code -Ddfa.fuzz.millis} (default 3000 per loader) and {@code -Ddfa.fuzz.seed} set budget and seed.
 */
class LoaderFuzzTest {
    private static final long SEED = Long.getLong("dfa.fuzz.seed", 20_261_127L);
    private static final long MILLIS = Long.getLong("dfa.fuzz.millis", 3000);
    private static final int[] BOUNDARY_INTS = {
        0, 1, -1, 4, 10, 28, 255, 60_000, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE
    };
    private static final int[] BOUNDARY_BYTES = {0, 1, 9, 10, 99, 100, 0x7F, 0x80, 0xFF};

    @TempDir
    Path dir;

    @Test
    void mnist() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("t10k-images-idx3-ubyte", Fixtures.mnistImages(5, 4, 3));
        files.put("t10k-labels-idx1-ubyte", Fixtures.mnistLabels(7, 2, 1, 0, 4));
        fuzz("mnist", files, true, d -> consistent(Mnist.load(d, Split.TEST)));
    }

    @Test
    void cifar10() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(Cifar10.META_FILE, Fixtures.CIFAR_META.getBytes(StandardCharsets.US_ASCII));
        files.put("test_batch.bin", Fixtures.cifarRecords(0, 3, 1, 4, 1));
        fuzz("cifar10", files, true, d -> consistent(Cifar10.load(d, Split.TEST, 4)));
    }

    @Test
    void cifar100() throws IOException {
        Fixtures.cifar100Folder(dir, 2, 4, false);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("fine_label_names.txt", Files.readAllBytes(dir.resolve("fine_label_names.txt")));
        files.put(Cifar100.TEST_FILE, Files.readAllBytes(dir.resolve(Cifar100.TEST_FILE)));
        fuzz("cifar100", files, true, d -> consistent(Cifar100.load(d, Split.TEST, Cifar100.Labels.FINE, 4)));
    }

    @Test
    void imagenetJpeg() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageNetFixtures.ramp(24, 16), "jpeg", jpeg);
        fuzz("imagenet-jpeg", Map.of("image.JPEG", jpeg.toByteArray()), false, d -> {
            RgbImage image = JpegFiles.decode(d.resolve("image.JPEG"));
            assertEquals(RgbImage.CHANNELS * image.height() * image.width(), image.planes().length);
        });
    }

    @Test
    void imagenetValidationList() throws IOException {
        ImageNetFixtures.tree(dir, 1);
        for (String wnid : ImageNetFixtures.WNIDS) { // flat val/, labelled by the Kaggle list
            try (var images = Files.list(dir.resolve("val").resolve(wnid))) {
                for (Path image : images.toList()) {
                    Files.move(image, dir.resolve("val").resolve(image.getFileName()));
                }
            }
            Files.delete(dir.resolve("val").resolve(wnid));
        }
        StringBuilder csv = new StringBuilder("ImageId,PredictionString\n");
        for (int v = 1; v <= 6; v++) {
            csv.append(String.format("ILSVRC2012_val_%08d,%s 0 0 10 10%n", v, ImageNetFixtures.WNIDS[(v - 1) / 2]));
        }
        fuzz(
                "imagenet-val-list",
                Map.of(ImageNetFolder.KAGGLE_SOLUTION, csv.toString().getBytes(StandardCharsets.UTF_8)),
                false,
                d -> {
                    ImageNetFolder folder = ImageNetFolder.open(d);
                    List<ImageNetFolder.Entry> val = folder.val();
                    assertEquals(6, val.size());
                    val.forEach(e -> assertTrue(
                            e.label() >= 0 && e.label() < folder.classes().size(), e.toString()));
                });
    }

    @Test
    void aGzipBombStopsAtTheSizeTheHeaderAnnounces() throws IOException {
        // A 76-byte MNIST file by its header, followed by 256 MB of zeros that gzip to 250 KB.
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images))) {
            out.write(Fixtures.mnistImages(5, 4, 3));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros);
            }
        }
        Fixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), Fixtures.mnistLabels(7, 2, 1, 0, 4));
        long before = System.nanoTime();
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(dir, Split.TEST));
        assertEquals(images, e.file());
        assertTrue(e.getMessage().contains("wrong size: inflates to more than 76 bytes"), e.getMessage());
        assertTrue(System.nanoTime() - before < 2_000_000_000L, "read far past the announced size");
    }

    @Test
    void aJpegAnnouncingAHugeImageIsRefusedBeforeDecoding() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(ImageNetFixtures.ramp(24, 16), "jpeg", out);
        byte[] jpeg = out.toByteArray();
        int sof = 2;
        while (!((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) {
            sof++;
        }
        // 60000 x 60000 (the JDK itself stops at 65500): a 10.8 GB raster if decoded
        jpeg[sof + 5] = jpeg[sof + 7] = (byte) 0xEA;
        jpeg[sof + 6] = jpeg[sof + 8] = (byte) 0x60;
        Path file = Fixtures.write(dir.resolve("huge.JPEG"), jpeg);
        DataFormatException e = assertThrows(DataFormatException.class, () -> JpegFiles.decode(file));
        assertTrue(e.getMessage().contains("too large: the header announces 60000 x 60000 pixels"), e.getMessage());
    }

    /**
     * Runs {@code load} on {@code dir} holding {@code files}, one of them mutated per iteration (plain, or gzipped when
     * {@code gzip} allows), until the time budget is spent; prints and checks the tally.
     */
    private void fuzz(String name, Map<String, byte[]> files, boolean gzip, Consumer<Path> load) throws IOException {
        List<String> names = List.copyOf(files.keySet());
        long deadline = System.nanoTime() + MILLIS * 1_000_000;
        int iterations = 0;
        int parsed = 0;
        int rejected = 0;
        for (; System.nanoTime() < deadline; iterations++) {
            long seed = SEED * 1_000_003L + name.hashCode() * 31L + iterations;
            Random random = new Random(seed);
            String target = names.get(random.nextInt(names.size()));
            for (String file : names) {
                Files.deleteIfExists(dir.resolve(file));
                Files.deleteIfExists(dir.resolve(file + DataLocation.GZIP_SUFFIX));
                boolean gzipped = gzip && !file.endsWith(".txt") && random.nextBoolean(); // data files only
                byte[] bytes = files.get(file);
                if (file.equals(target)) {
                    bytes = gzipped && random.nextInt(3) == 0
                            ? mutate(Fixtures.gzip(bytes), random) // the gzip stream itself damaged
                            : gzipped ? Fixtures.gzip(mutate(bytes, random)) : mutate(bytes, random);
                } else if (gzipped) {
                    bytes = Fixtures.gzip(bytes);
                }
                Files.write(dir.resolve(gzipped ? file + DataLocation.GZIP_SUFFIX : file), bytes);
            }
            try {
                load.accept(dir);
                parsed++;
            } catch (DataFormatException e) {
                assertTrue(
                        e.file() != null && e.getMessage().startsWith(e.file().toString()), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail(name + ": seed " + seed + " (iteration " + iterations + ", " + target + ") ended in " + t, t);
            }
        }
        System.out.printf(
                "fuzz %s: %d iterations in %d ms: %d parsed, %d DataFormatException%n",
                name, iterations, MILLIS, parsed, rejected);
        assertTrue(iterations >= 20, name + ": only " + iterations + " iterations in " + MILLIS + " ms");
        assertTrue(rejected > 0, name + ": no mutation was rejected: the mutations do not reach the checks");
    }

    private static void consistent(LabeledData d) {
        assertEquals(d.size(), d.y().length);
        assertEquals(d.size(), d.x().rows());
        for (int label : d.y()) {
            assertTrue(label >= 0 && label < d.classes(), "label " + label + " of " + d.classes() + " classes");
        }
    }

    /** One to four mutations of {@code bytes}, drawn from {@code random}. */
    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] b = bytes.clone();
        for (int m = 1 + random.nextInt(4); m > 0; m--) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[at] = (byte) BOUNDARY_BYTES[random.nextInt(BOUNDARY_BYTES.length)];
                    }
                }
                case 2 -> { // a header field: the IDX dimensions and the first records live in the first 32 bytes
                    int field = 4 * random.nextInt(8);
                    int value = BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)];
                    for (int k = 0; k < 4 && field + k < b.length; k++) {
                        b[field + k] = (byte) (value >>> (24 - 8 * k));
                    }
                }
                case 3 -> b = Arrays.copyOf(b, at); // cut short
                case 4 -> { // insert a few random bytes
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    b = splice(b, at, extra, 0);
                }
                case 5 -> b = splice(b, at, new byte[0], Math.min(b.length - at, 1 + random.nextInt(64))); // delete
                default -> b = splice(b, b.length, Arrays.copyOfRange(b, at, Math.min(b.length, at + 4096)), 0);
            }
        }
        return b;
    }

    /** {@code b} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(byte[] b, int at, byte[] inserted, int removed) {
        byte[] out = new byte[b.length - removed + inserted.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(b, at + removed, out, at + inserted.length, b.length - at - removed);
        return out;
    }
}
