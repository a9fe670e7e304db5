package dev.verdict.data.validate;

import dev.verdict.judge.ImageFormats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads an encoded image's width and height from its header, without decoding the pixels. */
final class ImageHeader {
    private ImageHeader() {}

    /** {width, height}, or null when no installed reader understands the bytes (WebP has none by default). */
    static long[] of(byte[] data) {
        if (ImageFormats.mimeType(data).equals("image/webp")) {
            return webp(data);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new long[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** WebP: VP8X carries the canvas size; VP8 / VP8L headers are accepted with an unknown size of 1x1. */
    private static long[] webp(byte[] d) {
        if (d.length >= 30 && d[12] == 'V' && d[13] == 'P' && d[14] == '8' && d[15] == 'X') {
            long w = 1 + ((d[24] & 0xFF) | (d[25] & 0xFF) << 8 | (d[26] & 0xFF) << 16);
            long h = 1 + ((d[27] & 0xFF) | (d[28] & 0xFF) << 8 | (d[29] & 0xFF) << 16);
            return new long[] {w, h};
        }
        return d.length >= 16 ? new long[] {1, 1} : null;
    }
}
