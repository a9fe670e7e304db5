package dev.verdict.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** Deterministic test images and access to the Pillow reference data in {@code resources/image/}. */
final class TestImages {

    private TestImages() {}

    /**
     * One channel of the test image: a gradient mixed with hashed noise, with hard 0/255 checker
     * blocks where bicubic overshoots and clipping matters. Mirrors {@code pixel} in make_reference.py.
     */
    static int pixel(int x, int y, int c, int w, int h) {
        if ((x / 4 + y / 4) % 5 == 0) {
            return (x + y) % 2 == 1 ? 255 : 0;
        }
        long s = (x * 374761393L + y * 668265263L + c * 2147483647L) & 0xFFFFFFFFL;
        s = ((s ^ (s >>> 13)) * 1274126177L) & 0xFFFFFFFFL;
        s ^= s >>> 16;
        int noise = (int) (s & 0xFF);
        int grad = switch (c) {
            case 0 -> x * 255 / Math.max(w - 1, 1);
            case 1 -> y * 255 / Math.max(h - 1, 1);
            default -> (x + y) * 255 / Math.max(w + h - 2, 1);
        };
        return (grad * 3 + noise) / 4;
    }

    /** The test image of {@code w x h} (width x height). */
    static RgbImage image(int w, int h) {
        byte[] rgb = new byte[w * h * 3]; // (h, w, 3)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) pixel(x, y, c, w, h);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/image/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource image/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whitespace-split lines of pil_reference.txt that start with {@code key}. */
    static List<String[]> reference(String key) {
        List<String[]> out = new ArrayList<>();
        for (String line : new String(resource("pil_reference.txt"), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f[0].equals(key)) {
                out.add(f);
            }
        }
        return out;
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** CRC32 of the little-endian float32 bytes, as numpy's {@code tobytes()} gives them. */
    static long crc(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return crc(buf.array());
    }
}
