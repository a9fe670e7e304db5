package dev.verdict.image;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A bit-exact port of Pillow's {@code Image.resize(size, BICUBIC)} for 8-bit RGB images (the path
 * {@code Resample.c} takes for mode "RGB"), so that {@code pixel_values} match the slow Hugging Face
 * processor exactly.
 *
 * <p>The resize is separable: a horizontal pass (only if the width changes) into a temporary image
 * holding just the rows the vertical pass reads, then a vertical pass (only if the height changes).
 * Each output sample is a weighted sum of input samples with Keys cubic weights (a = -0.5). When
 * shrinking, the kernel is stretched by the scale factor (antialiasing). Weights are computed in
 * double, normalized to sum to one, then stored as 22-bit fixed point; sums start at one half and are
 * shifted back and clipped to 0..255 after each pass.
 */
public final class PilBicubic {

    /** Fractional bits of the fixed-point weights (32 - 8 - 2 in Pillow). */
    static final int PRECISION_BITS = 22;

    /** Support of the bicubic kernel at scale 1, in input pixels on each side. */
    static final double SUPPORT = 2.0;

    /** Output pixels from which a pass is split over the common fork-join pool (rows are independent). */
    private static final long PARALLEL_MIN_PIXELS = 1L << 18;

    private PilBicubic() {}

    /**
     * Fixed-point filter taps for one axis.
     *
     * @param ksize taps stored per output sample (only the first {@code bounds[2*i+1]} are used)
     * @param bounds per output sample i: first input index {@code bounds[2*i]} and tap count {@code
     *     bounds[2*i+1]}, shape (out, 2)
     * @param weights fixed-point weights, shape (out, ksize)
     */
    record Taps(int ksize, int[] bounds /* (out, 2) */, int[] weights /* (out, ksize) */) {

        int first(int out) {
            return bounds[2 * out];
        }

        int count(int out) {
            return bounds[2 * out + 1];
        }
    }

    /** Resizes {@code src} to {@code outWidth x outHeight}; returns {@code src} itself if the size is unchanged. */
    public static RgbImage resize(RgbImage src, int outWidth, int outHeight) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException(
                    "resize target must be positive, got " + outWidth + "x" + outHeight + " (w x h)");
        }
        boolean horizontal = outWidth != src.width();
        boolean vertical = outHeight != src.height();
        if (!horizontal && !vertical) {
            return src;
        }
        Taps vTaps = taps(src.height(), outHeight);
        int rowFirst = vTaps.first(0);
        int rowEnd = vTaps.first(outHeight - 1) + vTaps.count(outHeight - 1);
        RgbImage mid = src;
        int rowOffset = 0;
        if (horizontal) {
            mid = horizontalPass(src, taps(src.width(), outWidth), rowFirst, rowEnd);
            rowOffset = rowFirst;
        }
        return vertical ? verticalPass(mid, vTaps, rowOffset, outHeight) : mid;
    }

    /** Pillow's bicubic kernel (Keys, a = -0.5), with its exact operation order. */
    static double bicubic(double x) {
        final double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}, for the whole axis. */
    static Taps taps(int inSize, int outSize) {
        double scale = (double) (float) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2]; // (out, 2)
        int[] weights = new int[outSize * ksize]; // (out, ksize)
        double[] k = new double[ksize]; // (ksize,) one output sample's weights in double
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = bicubic((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * ksize + x] = toFixed(w);
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return new Taps(ksize, bounds, weights);
    }

    /** Double weight to fixed point, rounding half away from zero then truncating, as Pillow does. */
    static int toFixed(double w) {
        double scaled = w * (1 << PRECISION_BITS);
        return (int) (w < 0 ? -0.5 + scaled : 0.5 + scaled);
    }

    /** Pillow's {@code clip8}: drop the fraction (arithmetic shift) and clamp to 0..255. */
    static int clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Resamples rows {@code [rowFirst, rowEnd)} of {@code src} to the new width. */
    private static RgbImage horizontalPass(RgbImage src, Taps taps, int rowFirst, int rowEnd) {
        int outWidth = taps.bounds().length / 2;
        byte[] out = new byte[(rowEnd - rowFirst) * outWidth * 3]; // (rows, outWidth, 3)
        forRows(rowFirst, rowEnd, outWidth, y -> horizontalRow(src, taps, y, out, (y - rowFirst) * outWidth * 3));
        return new RgbImage(outWidth, rowEnd - rowFirst, out);
    }

    private static void horizontalRow(RgbImage src, Taps taps, int y, byte[] out, int outStart) {
        byte[] in = src.rgb(); // (h, inWidth, 3)
        int[] bounds = taps.bounds(); // (outWidth, 2)
        int[] weights = taps.weights(); // (outWidth, ksize)
        int ksize = taps.ksize();
        int rowBase = y * src.width() * 3;
        final int half = 1 << (PRECISION_BITS - 1);
        for (int xx = 0, o = outStart; xx < bounds.length / 2; xx++, o += 3) {
            int p = rowBase + bounds[2 * xx] * 3;
            int kBase = xx * ksize;
            int kEnd = kBase + bounds[2 * xx + 1];
            int s0 = half;
            int s1 = half;
            int s2 = half;
            for (int k = kBase; k < kEnd; k++, p += 3) {
                int w = weights[k];
                s0 += (in[p] & 0xFF) * w;
                s1 += (in[p + 1] & 0xFF) * w;
                s2 += (in[p + 2] & 0xFF) * w;
            }
            out[o] = (byte) clip8(s0);
            out[o + 1] = (byte) clip8(s1);
            out[o + 2] = (byte) clip8(s2);
        }
    }

    /** Runs {@code row} for each row in [from, to), in parallel when the image is large. */
    private static void forRows(int from, int to, int width, IntConsumer row) {
        IntStream rows = IntStream.range(from, to);
        if ((long) (to - from) * width >= PARALLEL_MIN_PIXELS) {
            rows = rows.parallel();
        }
        rows.forEach(row);
    }

    /** Resamples columns; input row indices in {@code taps} are shifted down by {@code rowOffset}. */
    private static RgbImage verticalPass(RgbImage src, Taps taps, int rowOffset, int outHeight) {
        byte[] out = new byte[outHeight * src.width() * 3]; // (outHeight, width, 3)
        forRows(0, outHeight, src.width(), yy -> verticalRow(src, taps, rowOffset, yy, out));
        return new RgbImage(src.width(), outHeight, out);
    }

    private static void verticalRow(RgbImage src, Taps taps, int rowOffset, int yy, byte[] out) {
        int stride = src.width() * 3;
        byte[] in = src.rgb(); // (rows, width, 3)
        int[] weights = taps.weights(); // (outHeight, ksize)
        int[] acc = new int[stride]; // (width * 3,) running sums of this output row
        Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
        int first = taps.first(yy) - rowOffset;
        int count = taps.count(yy);
        for (int y = 0; y < count; y++) {
            int k = weights[yy * taps.ksize() + y];
            int rowBase = (first + y) * stride;
            for (int i = 0; i < stride; i++) {
                acc[i] += (in[rowBase + i] & 0xFF) * k;
            }
        }
        int outBase = yy * stride;
        for (int i = 0; i < stride; i++) {
            out[outBase + i] = (byte) clip8(acc[i]);
        }
    }
}
