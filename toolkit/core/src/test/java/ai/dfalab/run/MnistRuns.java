package ai.dfalab.run;

import ai.dfalab.data.DataLocation;
import ai.dfalab.data.DatasetName;
import ai.dfalab.data.RealData;
import ai.dfalab.train.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Short real runs on MNIST for the store's tests: seconds each, with updater state (momentum) to checkpoint. */
final class MnistRuns {
    /** MNIST at SGD lr 1e-3, batch 64: learns within a few hundred steps. */
    static final RunSpec MNIST = RunSpec.paper()
            .withDataset(DatasetName.MNIST)
            .withLearningRate(1e-3)
            .withBatch(64);

    /** 3 epochs of 4 steps, Nesterov momentum (so a checkpoint holds updater state), input and hidden dropout. */
    static final RunSpec SHORT = MNIST.withUpdater(Updater.NESTEROVS)
            .withTrainLimit(256)
            .withTestLimit(200)
            .withEpochs(3)
            .withModel(m -> m.withDropout(0.1, 0.1));

    /** As {@link #SHORT} with one step per epoch and 100 test images: for tests that run it dozens of times. */
    static final RunSpec TINY = SHORT.withTrainLimit(64).withTestLimit(100);

    private MnistRuns() {}

    static void requireMnist() {
        RealData.dir(DatasetName.MNIST);
    }

    /** For {@code @ExtendWith} on a class whose every test runs on MNIST: {@link #requireMnist()} before each. */
    static final class Required implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            requireMnist();
        }
    }

    /** A copy of the real MNIST files under data root {@code root}: the same data, elsewhere. */
    static Path copyOfMnist(Path root) throws IOException {
        Path from = DataLocation.root().resolve(DatasetName.MNIST.folder());
        Path to = Files.createDirectories(root.resolve(DatasetName.MNIST.folder()));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return root;
    }

    /** Changes the first test label of the MNIST copy under {@code root} (stored plain now): other data. */
    static void changeFirstTestLabel(Path root) throws IOException {
        Path labels = root.resolve(DatasetName.MNIST.folder()).resolve("t10k-labels-idx1-ubyte");
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(labels + ".gz")))) {
            bytes = in.readAllBytes();
        }
        bytes[8] = (byte) ((bytes[8] + 1) % 10);
        Files.delete(Path.of(labels + ".gz"));
        Files.write(labels, bytes);
    }
}
