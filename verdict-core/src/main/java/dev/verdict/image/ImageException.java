package dev.verdict.image;

/**
 * An image could not be read or processed: a missing, empty, truncated or corrupt file, an unknown
 * format, a size over the configured limits, or an invalid {@code preprocessor_config.json}. The
 * message always starts with the source (a file path, {@code <bytes>}, {@code <base64>} or
 * {@code <data-url>}) so a user can tell which of many inputs was bad. {@link #reason} says the same
 * without the source or any byte of the input, for callers on the other side of a network.
 */
public final class ImageException extends RuntimeException {

    /** What went wrong, in words that name neither the source nor its contents. */
    public enum Reason {
        NOT_FOUND("file not found"),
        NOT_READABLE("the file cannot be read"),
        EMPTY("empty"),
        TOO_LARGE("over the size limits"),
        UNSUPPORTED_FORMAT("not an image in a supported format (PNG, JPEG, GIF, BMP, WebP)"),
        CORRUPT("corrupt or truncated image data"),
        INVALID_REFERENCE("not a valid data URL, base64 image or file reference"),
        INVALID_CONFIG("invalid image processor configuration");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The reason in a few words. */
        public String text() {
            return text;
        }
    }

    private final String source;
    private final Reason reason;

    public ImageException(String source, Reason reason, String message) {
        super(source + ": " + message);
        this.source = source;
        this.reason = reason;
    }

    public ImageException(String source, Reason reason, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The label of the input that failed: a path, or a label such as {@code <bytes>}. */
    public String source() {
        return source;
    }

    /** What went wrong, safe to tell a remote client. */
    public Reason reason() {
        return reason;
    }
}
