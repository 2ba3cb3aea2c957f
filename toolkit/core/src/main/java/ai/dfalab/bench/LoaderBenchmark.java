package ai.dfalab.bench;

import ai.dfalab.data.Batch;
import ai.dfalab.data.ImageNetBatches;
import ai.dfalab.data.ImageNetFolder;
import ai.dfalab.data.ImageNetTransform;
import ai.dfalab.data.JpegFiles;
import ai.dfalab.data.ScaledCropFlip;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints the input pipelines' speed: ImageNet JPEG decode + resize + crop in images/s for 1 and 2 decoder threads
 * (on generated 500 x 375 photo-like JPEGs, or a real ILSVRC folder), and the CIFAR Table 3 augmentation per batch.
 * Usage: {@code java -cp toolkit/target/dfa-toolkit.jar ai.dfalab.bench.LoaderBenchmark [IMAGES [IMAGENET_DIR]]}.
 */
public final class LoaderBenchmark {
    private static final int BATCH = 32;

    private LoaderBenchmark() {}

    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        List<ImageNetFolder.Entry> entries;
        Path generated = null;
        if (args.length > 1) {
            entries = ImageNetFolder.open(Path.of(args[1])).train().subList(0, images);
            System.out.println("ImageNet folder " + args[1] + ": first " + images + " training images");
        } else {
            generated = Files.createTempDirectory("dfa-jpeg-bench");
            entries = generate(generated, images);
        }
        try {
            ImageNetTransform transform = ImageNetTransform.standard();
            long bytes = 0;
            for (ImageNetFolder.Entry e : entries) {
                bytes += Files.size(e.file());
            }
            System.out.printf(
                    "%d JPEGs, mean %.0f KB; batches of %d, shorter side 256, random crop 224 + flip%n",
                    entries.size(), bytes / 1024.0 / entries.size(), BATCH);
            decodeOnly(entries.subList(0, Math.min(64, entries.size()))); // warms the JIT too
            for (int threads : new int[] {1, 2, 1, 2}) {
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                int seen = 0;
                try (ImageNetBatches batches =
                        ImageNetBatches.training(entries, 1000, BATCH, transform, 1, 0, threads, 2 * threads)) {
                    while (batches.hasNext()) {
                        seen += batches.next().size();
                    }
                }
                double s = (System.nanoTime() - start) / 1e9;
                double cpuMs = (processCpuNanos() - cpu) / 1e6 / seen;
                System.out.printf(
                        "decoder threads %d: %.1f images/s (%d images in %.2f s; %.1f ms of CPU per image)%n",
                        threads, seen / s, seen, s, cpuMs);
            }
            cifar();
        } finally {
            if (generated != null) {
                deleteTree(generated);
            }
        }
    }

    /** CPU time of the whole process: on a shared machine, the figure that contention does not inflate much. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void decodeOnly(List<ImageNetFolder.Entry> entries) {
        long start = System.nanoTime();
        for (ImageNetFolder.Entry e : entries) {
            JpegFiles.decode(e.file());
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("JPEG decode alone, 1 thread, first pass: %.1f images/s%n", entries.size() / s);
    }

    private static void cifar() {
        Batch in = new Batch(Nd4j.rand(128, 3072), Nd4j.zeros(128, 100));
        for (int threads : new int[] {1, 2}) {
            try (ScaledCropFlip p = ScaledCropFlip.table3(threads)) {
                for (int i = 0; i < 3; i++) {
                    p.train(in, i); // warm-up
                }
                int reps = 10;
                long cpu = processCpuNanos();
                long start = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    p.train(in, i);
                }
                double ms = (System.nanoTime() - start) / 1e6 / reps;
                double cpuMs = (processCpuNanos() - cpu) / 1e6 / reps;
                System.out.printf(
                        "CIFAR Table 3 augmentation (32 -> 256, crop 224, flip), batch 128, %d threads: "
                                + "%.1f ms per batch (%.0f images/s; %.1f ms of CPU per batch)%n",
                        threads, ms, 128 * 1000 / ms, cpuMs);
            }
        }
    }

    /**
     * {@code n} JPEGs of 500 x 375 at quality 0.9: smooth colour fields, edges and texture plus noise, so that files
     * are about ImageNet's typical size (~110 KB) rather than a flat colour's few KB.
     */
    static List<ImageNetFolder.Entry> generate(Path root, int n) throws IOException {
        Random random = new Random(1);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(500, 375, BufferedImage.TYPE_INT_RGB);
            double fx = 0.01 + 0.05 * random.nextDouble();
            double fy = 0.01 + 0.05 * random.nextDouble();
            for (int y = 0; y < 375; y++) {
                for (int x = 0; x < 500; x++) {
                    double base = 128 + 60 * Math.sin(fx * x + 0.5 * Math.sin(fy * y)) + (x > 250 ? 30 : -30);
                    int r = clamp(base + 25 * random.nextGaussian());
                    int g = clamp(255 - base + 25 * random.nextGaussian());
                    int b = clamp(100 + 50 * Math.cos(fy * y) + 25 * random.nextGaussian());
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            Path file = root.resolve("train/n" + String.format("%08d", i % 10) + "/img_" + i + ".JPEG");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
        }
        writer.dispose();
        return ImageNetFolder.open(root).train();
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
