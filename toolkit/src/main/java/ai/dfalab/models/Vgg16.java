package ai.dfalab.models;

import java.util.ArrayList;
import java.util.List;

/**
 * VGG-16 (configuration D of Simonyan and Zisserman) as an architecture description: its 13 convolutions (3x3,
 * padding 1, ReLU; 2x2 max pooling after blocks of 2, 2, 3, 3, 3) and 3 fully-connected layers (4096, 4096,
 * classes). Gives the size of every DFA feedback point without building the 138-million-weight network.
 */
public final class Vgg16 {
    /** Output channels of the 13 convolutions; -1 marks a 2x2 max pooling. */
    private static final int[] CONFIG_D = {64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512, 512, -1};

    /** One layer with a feedback point: its name and the size of its output. */
    public record Point(String name, int channels, int height, int width) {
        public long size() {
            return (long) channels * height * width;
        }
    }

    private Vgg16() {
    }

    /**
     * The feedback points for {@code side x side} inputs: the output of each of the 13 convolutions (after its
     * activation) and of the 2 hidden fully-connected layers, as in the paper's Table 1.
     */
    public static List<Point> feedbackPoints(int side) {
        List<Point> points = new ArrayList<>();
        int s = side;
        int block = 1;
        int conv = 1;
        for (int c : CONFIG_D) {
            if (c < 0) {
                s /= 2;
                block++;
                conv = 1;
            } else {
                points.add(new Point("conv" + block + "_" + conv++, c, s, s));
            }
        }
        points.add(new Point("fc6", 4096, 1, 1));
        points.add(new Point("fc7", 4096, 1, 1));
        return points;
    }

    /** The sizes {@code l_i} of {@link #feedbackPoints}. */
    public static int[] feedbackSizes(int side) {
        return feedbackPoints(side).stream().mapToInt(p -> Math.toIntExact(p.size())).toArray();
    }
}
