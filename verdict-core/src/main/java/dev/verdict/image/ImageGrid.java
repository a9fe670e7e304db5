package dev.verdict.image;

/**
 * The patch grid of one image or video, one row of Hugging Face's {@code image_grid_thw}.
 *
 * @param t temporal patches (frames / temporal patch size; 1 for a still image)
 * @param h patch rows (resized height / patch size)
 * @param w patch columns (resized width / patch size)
 */
public record ImageGrid(int t, int h, int w) {

    public ImageGrid {
        if (t <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException(
                    "grid (t, h, w) must be positive, got (" + t + ", " + h + ", " + w + ")");
        }
    }

    /** Number of vision patches, t*h*w: the rows this image contributes to {@code pixel_values}. */
    public int patches() {
        return Math.multiplyExact(Math.multiplyExact(t, h), w);
    }

    /**
     * Number of LLM tokens after the patch merger, t*h*w / merge^2: how many {@code <|image_pad|>}
     * tokens the processor puts in the prompt for this image.
     *
     * @throws IllegalArgumentException if h or w is not a multiple of {@code merge}
     */
    public int mergedTokens(int merge) {
        if (merge <= 0 || h % merge != 0 || w % merge != 0) {
            throw new IllegalArgumentException("grid (" + t + ", " + h + ", " + w + ") cannot be merged by " + merge);
        }
        return patches() / (merge * merge);
    }

    /** The grid as HF's int64 {@code image_grid_thw} row [t, h, w]. */
    public long[] toThw() {
        return new long[] {t, h, w};
    }
}
