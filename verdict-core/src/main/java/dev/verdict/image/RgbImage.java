package dev.verdict.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB image stored as packed interleaved bytes, the layout PIL's resize works on. Use
 * {@link #of(BufferedImage)} to convert a decoded image (alpha is composited onto white).
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgb the pixels, shape (height, width, 3), row-major, RGB order, unsigned bytes
 */
public record RgbImage(int width, int height, byte[] rgb /* (height, width, 3) uint8 */) {

    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height + " (w x h)");
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " (w x h) needs "
                    + (long) width * height * 3 + " bytes, got " + rgb.length);
        }
    }

    /** Converts a decoded image to RGB the way transformers' {@code convert_to_rgb} does. */
    public static RgbImage of(BufferedImage image) {
        return RgbConverter.toRgb(image);
    }

    /** The size as (height, width). */
    public ImageSize size() {
        return new ImageSize(height, width);
    }

    /** The value 0..255 of channel {@code c} (0 = R) at column {@code x}, row {@code y}. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** A {@link BufferedImage#TYPE_INT_RGB} copy, e.g. to write it as PNG. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            int i = y * width * 3;
            for (int x = 0; x < width; x++, i += 3) {
                row[x] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && width == r.width && height == r.height && Arrays.equals(rgb, r.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + " (w x h)]";
    }
}
