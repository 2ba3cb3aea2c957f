package ai.dfalab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a run read, as checksums: every file of the data set (as stored: plain or gzipped), with its size and SHA-256,
 * and one {@link #digest} over them all. The run store keys a result by it, so a result is never reused on other data
 * (e.g. another CIFAR-10 test batch). A file's checksum is computed once per content (same path, size and
 * modification time) per JVM. ImageNet (1.28 M files) is fingerprinted by its listing, names and sizes, not contents.
 *
 * @param files every file read, by path under the data root, in a fixed order
 */
public record DataFingerprint(DatasetName dataset, List<FileSum> files) {
    private static final Map<String, String> SUMS = new ConcurrentHashMap<>();

    /** One file: its path under the data root ('/'-separated), size and SHA-256 (or, for a listing, of the listing). */
    public record FileSum(String path, long bytes, String sha256) {}

    public DataFingerprint {
        files = List.copyOf(files);
    }

    /** The fingerprint of data set {@code set} under the data root {@code root}; fails naming a missing file. */
    public static DataFingerprint of(DatasetName set, Path root) {
        DataLocation.require(root, set);
        Path dir = root.resolve(set.folder());
        List<FileSum> files = new ArrayList<>();
        try {
            for (String name : set.files()) {
                Path file = DataLocation.file(dir, name, set);
                files.add(new FileSum(set.folder() + "/" + file.getFileName(), Files.size(file), checksum(file)));
            }
            for (String folder : set.folders()) {
                files.add(listing(dir, folder, set.folder()));
            }
            Path solution = dir.resolve(ImageNetFolder.KAGGLE_SOLUTION); // flat val/'s labels may sit beside it
            if (set == DatasetName.IMAGENET && Files.isRegularFile(solution)) {
                files.add(new FileSum(
                        set.folder() + "/" + ImageNetFolder.KAGGLE_SOLUTION, Files.size(solution), checksum(solution)));
            }
        } catch (IOException e) {
            throw new DataFormatException(dir, "cannot read to checksum it (" + e + ")", e);
        }
        return new DataFingerprint(set, files);
    }

    /** One SHA-256 over all files' paths, sizes and checksums: equal exactly when the data read are. */
    public String digest() {
        MessageDigest sha = sha256();
        for (FileSum f : files) {
            sha.update((f.path() + "\n" + f.bytes() + "\n" + f.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String checksum(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String key = file.toAbsolutePath().normalize() + "|" + a.size() + "|"
                + a.lastModifiedTime().toMillis();
        String known = SUMS.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        String sum = HexFormat.of().formatHex(sha.digest());
        SUMS.put(key, sum);
        return sum;
    }

    /** A folder too large to checksum (ImageNet's): the SHA-256 of its files' relative paths and sizes, sorted. */
    private static FileSum listing(Path dir, String folder, String prefix) throws IOException {
        MessageDigest sha = sha256();
        long[] total = {0};
        Path base = dir.resolve(folder);
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                long size = Files.size(p);
                total[0] += size;
                sha.update((base.relativize(p) + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new FileSum(prefix + "/" + folder + "/", total[0], HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
