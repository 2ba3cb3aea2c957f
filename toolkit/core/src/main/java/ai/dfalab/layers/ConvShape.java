package ai.dfalab.layers;

import java.nio.FloatBuffer;

/**
 * One 2-D convolution over a batch (NCHW, no dilation) and its lowering to a matrix product. The lowered input
 * ({@code im2col}) is a {@code K x N} matrix, {@code K = C kH kW} patch entries by {@code N = batch oH oW} output
 * positions, row-major: row {@code (c, ky, kx)}, column {@code (n, oy, ox)} holds
 * {@code x[n, c, oy sH - pH + ky, ox sW - pW + kx]} (0 outside the image). Then {@code z = W col} for {@code W} as
 * DL4J stores it ({@code [C_out, C, kH, kW]}, C order, i.e. {@code C_out x K}).
 */
record ConvShape(
        int batch,
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
    private static final float[] ZEROS = new float[4096];
    private static final int SHORT_RUN = 16;

    /** {@code K}: entries of one patch. */
    int patch() {
        return channels * kernelH * kernelW;
    }

    /** {@code oH oW}: output positions of one sample. */
    int positions() {
        return outH * outW;
    }

    /** {@code N}: output positions of the batch, the columns of the lowered input. */
    int columns() {
        return batch * outH * outW;
    }

    /** Fills {@code col} (from index {@code co}) with the lowered input {@code x} (NCHW, C order, from index {@code xo}). */
    void im2col(FloatBuffer x, int xo, FloatBuffer col, int co) {
        int n0 = columns();
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kernelH; ky++) {
                for (int kx = 0; kx < kernelW; kx++) {
                    int row = co + ((c * kernelH + ky) * kernelW + kx) * n0;
                    // output columns whose input column ox sW - pW + kx lies inside the image
                    int lo = Math.max(0, ceilDiv(padW - kx, strideW));
                    int hi = Math.min(outW, ceilDiv(width + padW - kx, strideW));
                    for (int n = 0; n < batch; n++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int at = row + (n * outH + oy) * outW;
                            int iy = oy * strideH - padH + ky;
                            if (iy < 0 || iy >= height || lo >= hi) {
                                zero(col, at, outW);
                                continue;
                            }
                            int src = xo + ((n * channels + c) * height + iy) * width - padW + kx;
                            zero(col, at, lo);
                            if (strideW == 1) {
                                col.put(at + lo, x, src + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    col.put(at + ox, x.get(src + ox * strideW));
                                }
                            }
                            zero(col, at + hi, outW - hi);
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: sums every entry of the lowered gradient {@code col} into the input position it
     * came from, giving the gradient {@code dx} (NCHW, C order, overwritten) with respect to the input.
     */
    void col2im(FloatBuffer col, int co, FloatBuffer dx, int dxo) {
        zero(dx, dxo, batch * channels * height * width);
        int n0 = columns();
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kernelH; ky++) {
                for (int kx = 0; kx < kernelW; kx++) {
                    int row = co + ((c * kernelH + ky) * kernelW + kx) * n0;
                    int lo = Math.max(0, ceilDiv(padW - kx, strideW));
                    int hi = Math.min(outW, ceilDiv(width + padW - kx, strideW));
                    for (int n = 0; n < batch; n++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int iy = oy * strideH - padH + ky;
                            if (iy < 0 || iy >= height) {
                                continue;
                            }
                            int at = row + (n * outH + oy) * outW;
                            int dst = dxo + ((n * channels + c) * height + iy) * width - padW + kx;
                            for (int ox = lo; ox < hi; ox++) {
                                int i = dst + ox * strideW;
                                dx.put(i, dx.get(i) + col.get(at + ox));
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static void zero(FloatBuffer b, int from, int count) {
        if (count <= SHORT_RUN) { // a patch's padding at an edge: a bulk put's set-up would cost more than the run
            for (int i = from; i < from + count; i++) {
                b.put(i, 0f);
            }
            return;
        }
        for (int done = 0; done < count; done += ZEROS.length) {
            b.put(from + done, ZEROS, 0, Math.min(ZEROS.length, count - done));
        }
    }
}
