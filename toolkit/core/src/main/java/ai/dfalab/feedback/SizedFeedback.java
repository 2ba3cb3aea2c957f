package ai.dfalab.feedback;

import java.util.Arrays;

/**
 * What the drawn feedback matrices share: the points' sizes {@code l_i}, the error size {@code e}, and whether eq. 8's
 * normalisation applies, which gives every point's matrix entries of std {@code 1 / sqrt(l_i e)}.
 */
abstract class SizedFeedback implements Feedback {
    protected final int[] sizes;
    protected final int errorSize;
    protected final boolean normalised;

    /** {@code kind} names the feedback in the error a bad size gets. */
    SizedFeedback(String kind, int[] sizes, int errorSize, boolean normalised) {
        if (sizes.length == 0 || errorSize < 1 || Arrays.stream(sizes).anyMatch(l -> l < 1)) {
            throw new IllegalArgumentException(kind + " feedback needs point sizes >= 1 and errorSize >= 1, got "
                    + Arrays.toString(sizes) + " and " + errorSize);
        }
        this.sizes = sizes.clone();
        this.errorSize = errorSize;
        this.normalised = normalised;
    }

    @Override
    public final int points() {
        return sizes.length;
    }

    @Override
    public final int size(int point) {
        return sizes[point];
    }

    @Override
    public final int errorSize() {
        return errorSize;
    }

    public final boolean normalised() {
        return normalised;
    }

    /** Eq. 8's entry std of point {@code i}'s matrix, {@code 1 / sqrt(l_i e)}; 1 without normalisation. */
    protected final double entryScale(int point) {
        return normalised ? 1.0 / Math.sqrt((double) sizes[point] * errorSize) : 1.0;
    }

    /** The widest point, {@code l_max}. */
    protected final int widest() {
        return Arrays.stream(sizes).max().getAsInt();
    }
}
