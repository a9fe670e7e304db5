package dev.verdict.image;

import dev.verdict.image.ImageException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG, JPEG, GIF, BMP and WebP images from a file, bytes, base64 or a {@code data:} URL through
 * ImageIO (WebP through the TwelveMonkeys plugin).
 *
 * <p>Every failure is an {@link ImageException} whose message starts with the source: the path,
 * {@code <bytes>}, {@code <base64>} or {@code <data-url>}. Sizes are checked against {@link
 * ImageLimits} before anything large is allocated: the encoded size first, then the width and height
 * from the header, and only then is the raster decoded.
 */
public final class Images {

    static final String BYTES = "<bytes>";
    static final String BASE64 = "<base64>";
    static final String DATA_URL = "<data-url>";

    private Images() {}

    /** Reads an image file with {@link ImageLimits#DEFAULT}. */
    public static BufferedImage read(Path file) {
        return read(file, ImageLimits.DEFAULT);
    }

    /** Reads an image file; the file size is checked before it is read. */
    public static BufferedImage read(Path file, ImageLimits limits) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageException(source, Reason.NOT_READABLE, "is a directory, not an image file");
            }
            long size = Files.size(file);
            checkByteCount(size, source, limits);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageException(source, Reason.NOT_FOUND, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ImageException(source, Reason.NOT_READABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageException(source, Reason.NOT_READABLE, "cannot read file: " + e, e);
        }
        return decode(bytes, source, limits);
    }

    /** Decodes an encoded image held in memory, labelled {@code <bytes>} in errors. */
    public static BufferedImage decode(byte[] bytes) {
        return decode(bytes, BYTES, ImageLimits.DEFAULT);
    }

    /** Decodes an encoded image held in memory; {@code source} labels errors. */
    public static BufferedImage decode(byte[] bytes, String source, ImageLimits limits) {
        if (bytes.length == 0) {
            throw new ImageException(source, Reason.EMPTY, "empty file (0 bytes)");
        }
        checkByteCount(bytes.length, source, limits);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, bytes, source);
            try {
                reader.setInput(in, true, false);
                return decodeWithReader(reader, source, limits);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageException(source, Reason.CORRUPT, "cannot read image stream: " + e.getMessage(), e);
        }
    }

    /** Decodes a base64 image (standard or URL-safe alphabet; whitespace ignored). */
    public static BufferedImage fromBase64(String base64) {
        return fromBase64(base64, BASE64, ImageLimits.DEFAULT);
    }

    /** Decodes a base64 image; its decoded size is checked before decoding. */
    public static BufferedImage fromBase64(String base64, String source, ImageLimits limits) {
        return decode(base64Bytes(base64, source, limits), source, limits);
    }

    /** Decodes a {@code data:image/...;base64,...} URL. */
    public static BufferedImage fromDataUrl(String url) {
        return fromDataUrl(url, ImageLimits.DEFAULT);
    }

    /** Decodes a {@code data:image/...;base64,...} URL, labelled {@code <data-url>} in errors. */
    public static BufferedImage fromDataUrl(String url, ImageLimits limits) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            throw new ImageException(DATA_URL, Reason.INVALID_REFERENCE, "does not start with 'data:'");
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw new ImageException(
                    DATA_URL, Reason.INVALID_REFERENCE, "has no ',' between the media type and the data");
        }
        String header = url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!header.endsWith(";base64")) {
            String shown = header.length() > 60 ? header.substring(0, 60) + "..." : header;
            throw new ImageException(
                    DATA_URL,
                    Reason.INVALID_REFERENCE,
                    "only base64 data URLs are supported, got 'data:" + shown + ",...'");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        if (!mediaType.isEmpty() && !mediaType.startsWith("image")) {
            throw new ImageException(
                    DATA_URL, Reason.INVALID_REFERENCE, "media type '" + mediaType + "' is not an image");
        }
        return fromBase64(url.substring(comma + 1), DATA_URL, limits);
    }

    /**
     * Loads an image named the way chat messages name them: a {@code data:} URL, a {@code file:} URI
     * or a plain file path. Remote {@code http(s):} URLs are refused: download them first.
     */
    public static BufferedImage load(String reference, ImageLimits limits) {
        String lower = reference.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            return fromDataUrl(reference.strip(), limits);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new ImageException(
                    reference, Reason.INVALID_REFERENCE, "remote images are not fetched: download the file first");
        }
        if (lower.startsWith("file:")) {
            try {
                return read(Path.of(URI.create(reference.strip())), limits);
            } catch (IllegalArgumentException e) {
                throw new ImageException(
                        reference, Reason.INVALID_REFERENCE, "not a valid file URI: " + e.getMessage(), e);
            }
        }
        try {
            return read(Path.of(reference), limits);
        } catch (InvalidPathException e) {
            throw new ImageException(
                    reference, Reason.INVALID_REFERENCE, "not a valid file path: " + e.getMessage(), e);
        }
    }

    /** Reads the size from the header, checks it, then decodes the first image. */
    private static BufferedImage decodeWithReader(ImageReader reader, String source, ImageLimits limits) {
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener(collectWarnings(warnings));
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(source, Reason.CORRUPT, "corrupt " + format + " header: " + describe(e), e);
        }
        if (width <= 0 || height <= 0) {
            throw new ImageException(
                    source, Reason.CORRUPT, format + " header gives an invalid size " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageException(
                    source,
                    Reason.TOO_LARGE,
                    format + " image is " + width + "x" + height + " (w x h) = " + pixels
                            + " pixels, over the limit of " + limits.maxPixels() + " pixels");
        }
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(
                    source, Reason.CORRUPT, "corrupt or truncated " + format + " data: " + describe(e), e);
        }
        for (String warning : warnings) {
            if (isTruncation(warning)) {
                throw new ImageException(
                        source, Reason.CORRUPT, "corrupt or truncated " + format + " data: " + warning);
            }
        }
        return image;
    }

    private static IIOReadWarningListener collectWarnings(List<String> warnings) {
        return (reader, warning) -> warnings.add(warning);
    }

    /** Warnings that mean pixels are missing (libjpeg reports a cut-off file only as a warning). */
    private static boolean isTruncation(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated");
    }

    private static ImageReader readerFor(ImageInputStream in, byte[] bytes, String source) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            int n = Math.min(bytes.length, 8);
            throw new ImageException(
                    source,
                    Reason.UNSUPPORTED_FORMAT,
                    "unknown or unsupported image format (first bytes "
                            + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n)
                            + "); supported: PNG, JPEG, GIF, BMP, WebP");
        }
        return readers.next();
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /** The message of {@code e}, and of its cause when there is one (ImageIO wraps the useful part). */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        Throwable cause = e.getCause();
        return cause == null || cause == e ? text : text + " (" + describe(cause) + ")";
    }

    private static void checkByteCount(long size, String source, ImageLimits limits) {
        if (size > limits.maxBytes()) {
            throw new ImageException(
                    source,
                    Reason.TOO_LARGE,
                    "image is " + size + " bytes, over the limit of " + limits.maxBytes() + " bytes");
        }
    }

    private static byte[] base64Bytes(String text, String source, ImageLimits limits) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!Character.isWhitespace(ch)) {
                compact.append(ch);
            }
        }
        if (compact.isEmpty()) {
            throw new ImageException(source, Reason.EMPTY, "empty file (no base64 data)");
        }
        checkByteCount(compact.length() / 4L * 3, source, limits);
        String s = compact.toString();
        boolean urlSafe = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new ImageException(source, Reason.INVALID_REFERENCE, "invalid base64: " + e.getMessage(), e);
        }
    }
}
