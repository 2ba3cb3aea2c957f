package ai.dfalab.layers;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout whose masks come from Java's generator, one seeded stream per layer: ND4J's native generator
 * does not repeat its draws for a seed here, and a run must repeat (and resume) exactly. The k-th mask of a stream
 * is drawn from {@code (stream, k)}, so saving and restoring a counter replays masks exactly. Spatial dropout (PyTorch's
 * {@code Dropout2d}) keeps or drops whole channels of a {@code N x C x H x W} input.
 */
public final class SeededDropout implements IDropout {
    /** SplittableRandom's step between states, and its seed's stride between streams here. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private double retain;
    private long stream;
    private long counter;
    private boolean spatial;
    private transient INDArray mask;

    /** For DL4J's JSON configuration. */
    public SeededDropout() {}

    /** @param retain probability of keeping a unit (DL4J's convention; drop rate = 1 - retain) */
    public SeededDropout(double retain, long stream) {
        this.retain = retain;
        this.stream = stream;
    }

    /** Spatial dropout: one keep-or-drop draw per sample and channel of a rank-4 input. */
    public static SeededDropout spatial(double retain, long stream) {
        SeededDropout d = new SeededDropout(retain, stream);
        d.spatial = true;
        return d;
    }

    public boolean isSpatial() {
        return spatial;
    }

    public double retain() {
        return retain;
    }

    @Override
    public INDArray applyDropout(INDArray in, INDArray out, int iteration, int epoch, LayerWorkspaceMgr workspaces) {
        if (spatial && in.rank() != 4) {
            throw new IllegalStateException(
                    "spatial dropout needs an N x C x H x W input, got shape " + java.util.Arrays.toString(in.shape()));
        }
        int run =
                spatial ? (int) (in.size(2) * in.size(3)) : 1; // entries sharing one draw (C order: a channel's plane)
        float[] draws = nextDraws((int) (in.length() / run));
        float[] values = new float[(int) in.length()];
        for (int k = 0; k < draws.length; k++) {
            java.util.Arrays.fill(values, k * run, (k + 1) * run, draws[k]);
        }
        mask = Nd4j.create(values, in.shape(), 'c').castTo(out.dataType());
        return out.assign(in.mul(mask));
    }

    /**
     * The next mask's {@code count} draws, each {@code 1 / retain} (kept) or 0 (dropped): one per entry of the input in
     * C order, or per (sample, channel) for spatial dropout. The training engine draws its masks here too.
     */
    public float[] nextDraws(int count) {
        float[] draws = new float[count];
        nextDraws(draws);
        return draws;
    }

    /** As {@link #nextDraws(int)}, into {@code draws} (its length is the count). */
    public void nextDraws(float[] draws) {
        nextMask().fill(draws, 0, draws.length);
    }

    /** The next mask, whose draws may be filled in parts, from any threads. */
    public Mask nextMask() {
        return new Mask(stream * GOLDEN_GAMMA + counter++, retain);
    }

    /**
     * One mask's draws. Draw {@code k} is the {@code k}-th {@code nextDouble() < retain} of a {@code SplittableRandom}
     * seeded with {@code seed} (SplitMix64: state {@code k + 1} steps of the golden gamma from the seed, mixed),
     * computed from {@code k} directly and kept without a branch (a branch on a random outcome is mispredicted half
     * the time: 7.5 ns a draw, a quarter of a dropout network's step). The test pins it to {@code SplittableRandom}.
     */
    public record Mask(long seed, double retain) {
        /** Draws {@code from..to} into {@code draws[from..to)}: each {@code 1 / retain} (kept) or 0. */
        public void fill(float[] draws, int from, int to) {
            float kept = (float) (1 / retain);
            // nextDouble() = (bits >>> 11) 2^-53 < retain; for whole numbers below 2^53, (bits >>> 11) < ceil(retain
            // 2^53)
            long below = (long) Math.ceil(retain * 0x1.0p53);
            for (int k = from; k < to; k++) {
                long bits = mix64(seed + (k + 1) * GOLDEN_GAMMA) >>> 11;
                draws[k] = ((bits - below) >>> 63) * kept; // 1 when kept: no branch to mispredict
            }
        }
    }

    /** SplittableRandom's output function (Stafford's variant 13 of MurmurHash3's finaliser). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        return gradAtInput.assign(gradAtOutput.mul(mask));
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public SeededDropout clone() {
        SeededDropout copy = new SeededDropout(retain, stream);
        copy.counter = counter;
        copy.spatial = spatial;
        return copy;
    }

    /** Every seeded dropout of {@code net}, in layer order. */
    public static List<SeededDropout> of(MultiLayerNetwork net) {
        List<SeededDropout> all = new ArrayList<>();
        for (int l = 0; l < net.getnLayers(); l++) {
            if (net.getLayer(l).conf().getLayer().getIDropout() instanceof SeededDropout d) {
                all.add(d);
            }
        }
        return all;
    }

    /** Points every stream of {@code net} at its start for (seed, epoch): an epoch's masks depend on nothing else. */
    public static void reseed(MultiLayerNetwork net, long seed, int epoch) {
        List<SeededDropout> all = of(net);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).stream = (seed * 1_000_003L + epoch) * 31 + i;
            all.get(i).counter = 0;
        }
    }

    /** Where every stream of {@code net} stands (to restore after a measurement). */
    public static long[][] state(MultiLayerNetwork net) {
        return of(net).stream().map(d -> new long[] {d.stream, d.counter}).toArray(long[][]::new);
    }

    public static void restore(MultiLayerNetwork net, long[][] state) {
        List<SeededDropout> all = of(net);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).stream = state[i][0];
            all.get(i).counter = state[i][1];
        }
    }
}
