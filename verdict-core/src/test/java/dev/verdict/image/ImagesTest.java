package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(image, format, out), "no " + format + " writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static RgbImage smooth(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (x * 255 / (w - 1));
                rgb[i + 1] = (byte) (y * 255 / (h - 1));
                rgb[i + 2] = (byte) 128;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int maxDiff(RgbImage a, RgbImage b) {
        int max = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            max = Math.max(max, Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF)));
        }
        return max;
    }

    /** A PNG whose IHDR claims {@code w x h}, followed by no pixel data. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII));
        ihdr.putInt(w)
                .putInt(h)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .array();
    }

    private static void assertFails(Executable read, String source, String... fragments) {
        ImageException e = assertThrows(ImageException.class, read);
        assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        assertEquals(source, e.source());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    @Test
    void pngRoundTripIsExact() throws IOException {
        RgbImage image = TestImages.image(37, 53);
        Path file = dir.resolve("a.png");
        Files.write(file, encode(image.toBufferedImage(), "png"));
        assertEquals(image, RgbImage.of(Images.read(file)));
    }

    @Test
    void jpegRoundTripIsClose() {
        RgbImage image = smooth(64, 48);
        RgbImage back = RgbImage.of(Images.decode(encode(image.toBufferedImage(), "jpeg")));
        assertEquals(64, back.width());
        assertEquals(48, back.height());
        assertTrue(maxDiff(image, back) < 24, "JPEG error " + maxDiff(image, back));
    }

    @Test
    void webpLosslessIsExactAndLossyIsClose() {
        // written by Pillow 9.4.0 (libwebp 1.2.4) in make_reference.py
        RgbImage expected = TestImages.image(37, 53);
        assertEquals(expected, RgbImage.of(Images.decode(TestImages.resource("test_37x53_lossless.webp"))));
        RgbImage lossy = RgbImage.of(Images.decode(TestImages.resource("test_37x53_lossy.webp")));
        assertEquals(37, lossy.width());
        assertEquals(53, lossy.height());
        long sum = 0;
        for (int i = 0; i < lossy.rgb().length; i++) {
            sum += Math.abs((lossy.rgb()[i] & 0xFF) - (expected.rgb()[i] & 0xFF));
        }
        assertTrue(sum / (double) lossy.rgb().length < 40, "mean abs error " + sum / (double) lossy.rgb().length);
    }

    @Test
    void base64AndDataUrl() {
        RgbImage image = TestImages.image(30, 31);
        byte[] png = encode(image.toBufferedImage(), "png");
        String b64 = Base64.getEncoder().encodeToString(png);
        assertEquals(image, RgbImage.of(Images.fromBase64(b64)));
        assertEquals(
                image, RgbImage.of(Images.fromBase64(Base64.getMimeEncoder().encodeToString(png))));
        assertEquals(image, RgbImage.of(Images.fromDataUrl("data:image/png;base64," + b64)));
        assertEquals(image, RgbImage.of(Images.load("data:image/png;base64," + b64, ImageLimits.DEFAULT)));
    }

    @Test
    void fileUriAndPlainPath() throws IOException {
        RgbImage image = TestImages.image(30, 31);
        Path file = dir.resolve("b c.png");
        Files.write(file, encode(image.toBufferedImage(), "png"));
        assertEquals(image, RgbImage.of(Images.load(file.toUri().toString(), ImageLimits.DEFAULT)));
        assertEquals(image, RgbImage.of(Images.load(file.toString(), ImageLimits.DEFAULT)));
        assertFails(
                () -> Images.load("https://example.org/a.png", ImageLimits.DEFAULT),
                "https://example.org/a.png",
                "not fetched");
    }

    @Test
    void missingEmptyAndDirectory() throws IOException {
        Path missing = dir.resolve("nope.png");
        assertFails(() -> Images.read(missing), missing.toString(), "file not found");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertFails(() -> Images.read(empty), empty.toString(), "empty");
        assertFails(() -> Images.read(dir), dir.toString(), "directory");
        assertFails(() -> Images.decode(new byte[0]), "<bytes>", "empty");
        assertFails(() -> Images.fromBase64("  \n"), "<base64>", "empty");
    }

    @Test
    void unknownFormatAndCorruptBytes() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "just some text, not an image");
        assertFails(() -> Images.read(text), text.toString(), "unknown or unsupported image format");
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        assertFails(() -> Images.decode(noise), "<bytes>", "unknown or unsupported");
        byte[] png = encode(TestImages.image(40, 40).toBufferedImage(), "png");
        byte[] garbled = png.clone();
        for (int i = 60; i < garbled.length - 20; i++) {
            garbled[i] = (byte) (garbled[i] * 31 + 7);
        }
        assertFails(() -> Images.decode(garbled), "<bytes>", "PNG");
    }

    @Test
    void truncatedPngAndJpeg() throws IOException {
        byte[] png = encode(TestImages.image(60, 60).toBufferedImage(), "png");
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        assertFails(() -> Images.read(cut), cut.toString(), "PNG");
        byte[] jpeg = encode(TestImages.image(64, 64).toBufferedImage(), "jpeg");
        Path cutJpeg = dir.resolve("cut.jpg");
        Files.write(cutJpeg, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertFails(() -> Images.read(cutJpeg), cutJpeg.toString(), "JPEG");
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() throws IOException {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, pngHeaderOnly(100_000, 100_000));
        assertFails(() -> Images.read(bomb), bomb.toString(), "100000x100000", "over the limit");
        assertFails(() -> Images.decode(pngHeaderOnly(100_000, 100_000)), "<bytes>", "over the limit");
        String b64 = Base64.getEncoder().encodeToString(pngHeaderOnly(70_000, 70_000));
        assertFails(() -> Images.fromBase64(b64), "<base64>", "70000x70000");
    }

    @Test
    void configurableLimits() throws IOException {
        byte[] png = encode(TestImages.image(40, 40).toBufferedImage(), "png");
        Path file = dir.resolve("ok.png");
        Files.write(file, png);
        assertFails(() -> Images.read(file, new ImageLimits(1599, 1 << 20)), file.toString(), "1600 pixels");
        assertEquals(40, Images.read(file, new ImageLimits(1600, 1 << 20)).getWidth());
        assertFails(
                () -> Images.read(file, new ImageLimits(1 << 20, 100)),
                file.toString(),
                "bytes, over the limit of 100");
        String b64 = Base64.getEncoder().encodeToString(png);
        assertFails(
                () -> Images.fromBase64(b64, "<base64>", new ImageLimits(1 << 20, 100)), "<base64>", "over the limit");
    }

    @Test
    void badBase64AndDataUrls() {
        assertFails(() -> Images.fromBase64("abc$%^"), "<base64>", "invalid base64");
        String png = Base64.getEncoder()
                .encodeToString(encode(TestImages.image(30, 30).toBufferedImage(), "png"));
        assertFails(() -> Images.fromDataUrl("data:text/plain;base64," + png), "<data-url>", "not an image");
        assertFails(() -> Images.fromDataUrl("data:image/png," + png), "<data-url>", "only base64");
        assertFails(() -> Images.fromDataUrl("data:image/png;base64"), "<data-url>", "','");
        assertFails(() -> Images.fromDataUrl("image/png;base64," + png), "<data-url>", "data:");
        assertFails(() -> Images.fromDataUrl("data:image/png;base64,AAAA"), "<data-url>", "unknown");
    }
}
