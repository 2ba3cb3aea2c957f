package ai.dfalab.train.engine;

/**
 * A 2-D window sliding over an input (a convolution's kernel, a pooling's window), no dilation: its size, stride and
 * top-left padding, and the output it gives. In the engine's layout the entries of one input position for the whole
 * batch are one run of {@code batch} floats, so a window row over a stride-1 output row is one contiguous run too.
 */
record Window(
        int channels,
        int height,
        int width,
        int kernelH,
        int kernelW,
        int strideH,
        int strideW,
        int padH,
        int padW,
        int outH,
        int outW) {

    /** Output side of DL4J's Truncate mode: {@code (in + 2 pad - kernel) / stride + 1}. */
    static int truncated(int in, int kernel, int stride, int pad) {
        return (in + 2 * pad - kernel) / stride + 1;
    }

    /** {@code K = C kH kW}: entries of one patch, the rows of the lowered input. */
    int patch() {
        return channels * kernelH * kernelW;
    }

    int positions() {
        return outH * outW;
    }

    /** First output column {@code ox} whose input column {@code ox sW - pW + kx} lies in the image. */
    int firstColumn(int kx) {
        return Math.max(0, ceilDiv(padW - kx, strideW));
    }

    /** One past the last such output column. */
    int endColumn(int kx) {
        return Math.min(outW, ceilDiv(width + padW - kx, strideW));
    }

    /**
     * The lowered input's rows of input channel {@code c}: {@code col} ({@code K x (oH oW batch)}) row
     * {@code (c, ky, kx)}, column {@code (oy, ox, n)} holds {@code x[c, oy sH - pH + ky, ox sW - pW + kx, n]}, 0 outside
     * the image.
     */
    void im2col(Columns x, Columns col, int batch, int c) {
        forEachRow(batch, c, col.offset, x.offset, (at, image, lo, hi) -> {
            Kernels.zero(col.bytes, at, lo * batch);
            if (strideW == 1) { // the window row's entries over the output row: one run
                Kernels.copy(x.bytes, image + lo * batch, col.bytes, at + lo * batch, (hi - lo) * batch);
            } else {
                for (int ox = lo; ox < hi; ox++) {
                    Kernels.copy(x.bytes, image + ox * strideW * batch, col.bytes, at + ox * batch, batch);
                }
            }
            Kernels.zero(col.bytes, at + hi * batch, (outW - hi) * batch);
        });
    }

    /**
     * The adjoint of {@link #im2col} for input channel {@code c}: every entry of {@code col} from that channel summed
     * into the input position it came from.
     */
    void col2im(Columns col, Columns dx, int batch, int c) {
        int plane = height * width * batch;
        Kernels.zero(dx.bytes, dx.offset + c * plane, plane);
        forEachRow(batch, c, col.offset, dx.offset, (at, image, lo, hi) -> {
            if (strideW == 1) {
                Kernels.add(col.bytes, at + lo * batch, dx.bytes, image + lo * batch, (hi - lo) * batch);
            } else {
                for (int ox = lo; ox < hi; ox++) {
                    Kernels.add(col.bytes, at + ox * batch, dx.bytes, image + ox * strideW * batch, batch);
                }
            }
        });
    }

    /** One output row {@code oy} of one lowered row {@code (c, ky, kx)}. */
    private interface RowVisitor {
        /**
         * @param at    the output row's first entry in the lowered input
         * @param image where output column 0's window entry {@code x[c, iy, -pW + kx]} would be in the image (outside
         *              it when the window row is)
         * @param lo    first output column whose entry lies in the image ({@code lo == hi == 0}: none does)
         * @param hi    one past the last
         */
        void visit(int at, int image, int lo, int hi);
    }

    /** Every output row of every lowered row of channel {@code c}, as offsets into the lowered and image buffers. */
    private void forEachRow(int batch, int c, int colOffset, int imageOffset, RowVisitor visitor) {
        int rowLength = positions() * batch;
        int run = outW * batch;
        for (int ky = 0; ky < kernelH; ky++) {
            for (int kx = 0; kx < kernelW; kx++) {
                int row = ((c * kernelH + ky) * kernelW + kx) * rowLength;
                int lo = firstColumn(kx);
                int hi = endColumn(kx);
                for (int oy = 0; oy < outH; oy++) {
                    int at = colOffset + row + oy * run;
                    int iy = oy * strideH - padH + ky;
                    int image = imageOffset + ((c * height + iy) * width - padW + kx) * batch;
                    boolean inside = iy >= 0 && iy < height && lo < hi;
                    visitor.visit(at, image, inside ? lo : 0, inside ? hi : 0);
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
