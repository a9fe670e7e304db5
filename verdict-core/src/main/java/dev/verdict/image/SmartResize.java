package dev.verdict.image;

/**
 * Qwen2-VL's {@code smart_resize}: the size an image is resized to before patching. Both sides become
 * multiples of {@code factor} (patch size times merge size, 28 for Qwen2.5-VL), the aspect ratio is
 * kept as well as possible, and the pixel count is brought inside {@code [minPixels, maxPixels]}.
 *
 * <p>The arithmetic is float64 like the Python original, and its {@code round} is Python's
 * round-half-to-even ({@link Math#rint}), not {@link Math#round}: a 42x70 image becomes 56x56, not
 * 56x84.
 */
public final class SmartResize {

    /** The largest allowed ratio of the longer side to the shorter one. */
    public static final double MAX_ASPECT_RATIO = 200.0;

    private SmartResize() {}

    /** The target size for an image under {@code config}: factor = patch size times merge size. */
    public static ImageSize of(int height, int width, ImageProcessorConfig config) {
        return of(height, width, config.factor(), config.minPixels(), config.maxPixels());
    }

    /**
     * The target size (height, width) for an image of {@code height x width} pixels.
     *
     * @throws IllegalArgumentException if a side is shorter than {@code factor} or the aspect ratio is
     *     over 200
     */
    public static ImageSize of(int height, int width, int factor, long minPixels, long maxPixels) {
        if (factor <= 0 || minPixels <= 0 || maxPixels < minPixels) {
            throw new IllegalArgumentException(
                    "smart_resize needs factor > 0 and 0 < min_pixels <= max_pixels, got factor=" + factor
                            + " min_pixels=" + minPixels + " max_pixels=" + maxPixels);
        }
        if (height < factor || width < factor) {
            throw new IllegalArgumentException(
                    "image of " + height + "x" + width + " (h x w) is too small: height and width"
                            + " must be at least " + factor + " pixels (patch size x merge size)");
        }
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_ASPECT_RATIO) {
            throw new IllegalArgumentException("image of " + height + "x" + width + " (h x w) has an aspect ratio of "
                    + ratio + ": the absolute aspect ratio must be smaller than " + MAX_ASPECT_RATIO);
        }
        long hBar = (long) Math.rint((double) height / factor) * factor;
        long wBar = (long) Math.rint((double) width / factor) * factor;
        if (hBar * wBar > maxPixels) {
            double beta = Math.sqrt((double) ((long) height * width) / maxPixels);
            hBar = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            wBar = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (hBar * wBar < minPixels) {
            double beta = Math.sqrt(minPixels / (double) ((long) height * width));
            hBar = (long) Math.ceil(height * beta / factor) * factor;
            wBar = (long) Math.ceil(width * beta / factor) * factor;
        }
        return new ImageSize(Math.toIntExact(hBar), Math.toIntExact(wBar));
    }
}
