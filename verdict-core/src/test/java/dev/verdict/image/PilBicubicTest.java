package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bit-exactness against Pillow. The reference outputs in {@code resources/image/} were made by
 * make_reference.py with Pillow 9.4.0 (Debian bookworm's python3-pil) and numpy 1.24.2: each case is
 * a CRC32 of the resized RGB bytes plus the resized image as PNG, for diagnostics.
 */
class PilBicubicTest {

    @Test
    void matchesPillowOnEveryReferenceCase() {
        List<String[]> cases = TestImages.reference("resize");
        assertEquals(8, cases.size(), "reference cases");
        for (String[] f : cases) {
            int sw = Integer.parseInt(f[1]);
            int sh = Integer.parseInt(f[2]);
            int dw = Integer.parseInt(f[3]);
            int dh = Integer.parseInt(f[4]);
            RgbImage out = PilBicubic.resize(TestImages.image(sw, sh), dw, dh);
            String name = sw + "x" + sh + " -> " + dw + "x" + dh;
            assertEquals(dw, out.width(), name);
            assertEquals(dh, out.height(), name);
            RgbImage expected = RgbImage.of(
                    Images.decode(TestImages.resource("bicubic_" + sw + "x" + sh + "_to_" + dw + "x" + dh + ".png")));
            assertEquals("", mismatches(expected, out), name);
            assertEquals(Long.parseLong(f[5], 16), TestImages.crc(out.rgb()), name + " CRC32");
        }
    }

    @Test
    void matchesPillowOnRandomSizes() {
        // 24 seeded random sizes (1..300 px in, 1..400 px out, both directions) and 1200x40 -> 28x28
        List<String[]> cases = TestImages.reference("resize_crc");
        assertEquals(25, cases.size(), "reference cases");
        for (String[] f : cases) {
            int sw = Integer.parseInt(f[1]);
            int sh = Integer.parseInt(f[2]);
            int dw = Integer.parseInt(f[3]);
            int dh = Integer.parseInt(f[4]);
            RgbImage out = PilBicubic.resize(TestImages.image(sw, sh), dw, dh);
            assertEquals(Long.parseLong(f[5], 16), TestImages.crc(out.rgb()), sw + "x" + sh + " -> " + dw + "x" + dh);
        }
    }

    @Test
    void referenceImagesReallyNeedClipping() {
        // the hard 0/255 blocks make bicubic overshoot: check the test image exercises clipping
        RgbImage src = TestImages.image(37, 53);
        PilBicubic.Taps taps = PilBicubic.taps(37, 84);
        boolean negative = false;
        for (int w : taps.weights()) {
            negative |= w < 0;
        }
        assertEquals(true, negative, "upscaling taps have negative lobes");
        assertFalse(src.equals(PilBicubic.resize(src, 37, 54)));
    }

    @Test
    void sameSizeIsTheSameImage() {
        RgbImage src = TestImages.image(30, 20);
        assertSame(src, PilBicubic.resize(src, 30, 20));
    }

    @Test
    void kernelValues() {
        assertEquals(1.0, PilBicubic.bicubic(0.0));
        assertEquals(0.0, PilBicubic.bicubic(1.0), 0.0); // -0.0 in Pillow too
        assertEquals(0.0, PilBicubic.bicubic(-2.0), 0.0);
        assertEquals(0.5625, PilBicubic.bicubic(0.5)); // 1.5*0.125 - 2.5*0.25 + 1
        assertEquals(-0.0625, PilBicubic.bicubic(-1.5)); // ((-3.5*1.5+8)*1.5-4)*-0.5
    }

    @Test
    void fixedPointRoundsHalfAwayFromZeroAndClips() {
        assertEquals(1 << 22, PilBicubic.toFixed(1.0));
        assertEquals(-(1 << 21), PilBicubic.toFixed(-0.5));
        assertEquals(1, PilBicubic.toFixed(0.5 / (1 << 22))); // exactly half a unit: away from zero
        assertEquals(-1, PilBicubic.toFixed(-0.5 / (1 << 22)));
        assertEquals(0, PilBicubic.clip8(-5));
        assertEquals(255, PilBicubic.clip8(300 << 22));
        assertEquals(17, PilBicubic.clip8((17 << 22) + (1 << 21)));
    }

    @Test
    void constantImageStaysConstant() {
        byte[] rgb = new byte[40 * 30 * 3];
        Arrays.fill(rgb, (byte) 200);
        RgbImage out = PilBicubic.resize(new RgbImage(40, 30, rgb), 13, 71);
        for (byte b : out.rgb()) {
            assertEquals(200, b & 0xFF);
        }
    }

    private static String mismatches(RgbImage expected, RgbImage actual) {
        int count = 0;
        int maxDiff = 0;
        String first = "";
        for (int i = 0; i < expected.rgb().length; i++) {
            int d = Math.abs((expected.rgb()[i] & 0xFF) - (actual.rgb()[i] & 0xFF));
            if (d != 0) {
                if (count == 0) {
                    int px = i / 3;
                    first = " first at x=" + px % expected.width() + " y=" + px / expected.width() + " c=" + i % 3;
                }
                count++;
                maxDiff = Math.max(maxDiff, d);
            }
        }
        return count == 0 ? "" : count + " samples differ, max diff " + maxDiff + first;
    }
}
