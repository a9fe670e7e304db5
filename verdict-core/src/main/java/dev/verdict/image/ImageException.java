package dev.verdict.image;

/**
 * An image could not be read or processed: a missing, empty, truncated or corrupt file, an unknown
 * format, a size over the configured limits, or an invalid {@code preprocessor_config.json}. The
 * message always starts with the source (a file path, {@code <bytes>}, {@code <base64>} or
 * {@code <data-url>}) so a user can tell which of many inputs was bad.
 */
public final class ImageException extends RuntimeException {

    private final String source;

    public ImageException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public ImageException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The label of the input that failed: a path, or a label such as {@code <bytes>}. */
    public String source() {
        return source;
    }
}
