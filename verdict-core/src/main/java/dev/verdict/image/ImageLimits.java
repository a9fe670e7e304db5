package dev.verdict.image;

/**
 * Bounds checked before an image is decoded, so that a hostile or broken input is a clear {@link
 * ImageException} rather than an {@link OutOfMemoryError}. The pixel count comes from the file's
 * header, read before the raster.
 *
 * @param maxPixels the largest width x height accepted
 * @param maxBytes the largest encoded size accepted, in bytes
 */
public record ImageLimits(long maxPixels, long maxBytes) {

    /**
     * Pillow's decompression-bomb warning threshold, 89,478,485 pixels (about 9459 x 9459; Pillow
     * refuses twice that), and 64 MiB of encoded data.
     */
    public static final ImageLimits DEFAULT = new ImageLimits(89_478_485L, 64L << 20);

    public ImageLimits {
        if (maxPixels <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException(
                    "image limits must be positive, got maxPixels=" + maxPixels + " maxBytes=" + maxBytes);
        }
    }
}
