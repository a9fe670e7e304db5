package dev.verdict.judge;

/** Recognises common image encodings by their magic bytes. */
public final class ImageFormats {
    private ImageFormats() {}

    /**
     * The MIME type of encoded image bytes: PNG, JPEG, GIF, WebP or BMP; {@code application/octet-stream} when
     * the bytes match none of them.
     */
    public static String mimeType(byte[] data) {
        if (startsWith(data, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(data, 'R', 'I', 'F', 'F') && data.length >= 12 && data[8] == 'W' && data[9] == 'E') {
            return "image/webp";
        }
        if (startsWith(data, 'B', 'M')) {
            return "image/bmp";
        }
        return "application/octet-stream";
    }

    /** Whether the bytes look like one of the formats {@link #mimeType} knows. */
    public static boolean isKnownImage(byte[] data) {
        return !mimeType(data).equals("application/octet-stream");
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
