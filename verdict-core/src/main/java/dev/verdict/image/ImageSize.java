package dev.verdict.image;

/** A height and width in pixels (height first, as Qwen's {@code smart_resize} returns them). */
public record ImageSize(int height, int width) {

    public ImageSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width + " (h x w)");
        }
    }

    /** The number of pixels, height times width. */
    public long pixels() {
        return (long) height * width;
    }
}
