package dev.verdict.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One image of a {@link PairExample}: a file path, raw encoded bytes (PNG, JPEG, ...) or base64 text (plain or a
 * {@code data:} URL). Readers resolve relative paths against their image root before building the record, so a
 * {@link FilePath} here is what the file system will be asked for.
 */
public sealed interface ImageRef permits ImageRef.FilePath, ImageRef.Bytes, ImageRef.Base64Text {

    /** The encoded image bytes. Reads the file for {@link FilePath}; decodes base64 for {@link Base64Text}. */
    byte[] bytes();

    /** A short description for messages (the path, or the kind and size). */
    String describe();

    /**
     * The image as a {@code data:<mime>;base64,...} URL, as OpenAI-style content parts carry it. Bytes that are no
     * PNG, JPEG, GIF, WebP or BMP image are refused rather than sent: a wrong path in a data set must not ship some
     * other file's contents to a remote judge.
     *
     * @throws IllegalArgumentException when the bytes are not an image in a known format
     */
    default String toDataUrl() {
        byte[] data = bytes();
        if (!ImageFormats.isKnownImage(data)) {
            throw new IllegalArgumentException(
                    "not a PNG, JPEG, GIF, WebP or BMP image (" + data.length + " bytes); it is not sent");
        }
        return "data:" + ImageFormats.mimeType(data) + ";base64,"
                + Base64.getEncoder().encodeToString(data);
    }

    static ImageRef path(Path path) {
        return new FilePath(path);
    }

    static ImageRef bytes(byte[] data) {
        return new Bytes(data);
    }

    static ImageRef base64(String text) {
        return new Base64Text(text);
    }

    /** An image file on disk. */
    record FilePath(Path path) implements ImageRef {
        public FilePath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** Encoded image bytes held in memory (for example from a Parquet {@code {bytes, path}} struct). */
    record Bytes(byte[] data) implements ImageRef {
        public Bytes {
            Objects.requireNonNull(data, "data");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] bytes() {
            return data.clone();
        }

        @Override
        public String describe() {
            return "<" + data.length + " bytes>";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Bytes[" + data.length + " bytes]";
        }
    }

    /** Base64 text, either bare or as a {@code data:image/...;base64,} URL. */
    record Base64Text(String text) implements ImageRef {
        public Base64Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public byte[] bytes() {
            String payload = text;
            if (payload.startsWith("data:")) {
                int comma = payload.indexOf(',');
                if (comma < 0 || !payload.substring(0, comma).endsWith(";base64")) {
                    throw new IllegalArgumentException(
                            "not a base64 data URL: " + payload.substring(0, Math.min(40, payload.length())));
                }
                payload = payload.substring(comma + 1);
            }
            try {
                return Base64.getMimeDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid base64 image: " + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return "<base64, " + text.length() + " chars>";
        }

        @Override
        public String toString() {
            return "Base64Text[" + text.length() + " chars]";
        }
    }
}
