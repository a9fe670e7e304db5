package dev.verdict.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts a decoded {@link BufferedImage} to packed 8-bit RGB the way Pillow and transformers'
 * {@code convert_to_rgb} see it: raw stored samples (no colour management, so an embedded ICC profile
 * is ignored, as PIL ignores it), grey replicated to three channels, a palette looked up, and any
 * alpha composited onto an opaque white background with PIL's rounding.
 *
 * <p>16-bit samples keep their high byte (what PIL does for 16-bit RGB PNGs); sub-byte grey is scaled
 * to 0..255. Colour spaces other than RGB and grey (e.g. CMYK) go through Java's own conversion to
 * sRGB.
 */
final class RgbConverter {

    private RgbConverter() {}

    static RgbImage toRgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromIndexed(image, icm);
        }
        int csType = cm.getColorSpace().getType();
        boolean rgb = csType == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3;
        boolean gray = csType == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        if (cm.isAlphaPremultiplied() || !(rgb || gray)) {
            return viaSrgb(image);
        }
        Raster raster = image.getRaster();
        if (isPlainByteInterleaved(raster, cm)) {
            return fromBytes(raster, cm, gray);
        }
        if (cm instanceof DirectColorModel dcm
                && raster.getTransferType() == DataBuffer.TYPE_INT
                && hasByteMasks(dcm)) {
            return fromPackedInts(image, dcm);
        }
        int bits = cm.getComponentSize(0);
        for (int b = 1; b < cm.getNumComponents(); b++) {
            if (cm.getComponentSize(b) != bits) {
                return viaSrgb(image);
            }
        }
        if (bits == 8 || bits == 16 || (gray && !cm.hasAlpha() && (bits == 1 || bits == 2 || bits == 4))) {
            return fromSamples(raster, cm, gray, bits);
        }
        return viaSrgb(image);
    }

    /** PIL's {@code alpha_composite} of {@code c} with alpha {@code a} over white: round((c*a + 255*(255-a))/255). */
    static int overWhite(int c, int a) {
        if (a == 255) {
            return c; // opaque: the common case, without a division
        }
        return (2 * (c * a + 255 * (255 - a)) + 255) / 510;
    }

    private static byte[] pixels(int w, int h) {
        return new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
    }

    private static boolean isPlainByteInterleaved(Raster raster, ColorModel cm) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof ComponentSampleModel csm)
                || buffer.getNumBanks() != 1
                || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0
                || csm.getNumBands() != cm.getNumComponents()) {
            return false;
        }
        for (int bank : csm.getBankIndices()) {
            if (bank != 0) {
                return false;
            }
        }
        for (int b = 0; b < cm.getNumComponents(); b++) {
            if (cm.getComponentSize(b) != 8) {
                return false;
            }
        }
        return true;
    }

    private static RgbImage fromBytes(Raster raster, ColorModel cm, boolean gray) {
        ComponentSampleModel csm = (ComponentSampleModel) raster.getSampleModel();
        DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
        byte[] data = buffer.getData(); // (rows, scanline) raw samples
        int[] off = csm.getBandOffsets();
        int ro = off[0];
        int go = gray ? off[0] : off[1];
        int bo = gray ? off[0] : off[2];
        int ao = cm.hasAlpha() ? off[cm.getNumComponents() - 1] : -1;
        int ps = csm.getPixelStride();
        int ss = csm.getScanlineStride();
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = pixels(w, h); // (h, w, 3)
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = buffer.getOffset() + y * ss;
            for (int x = 0; x < w; x++, p += ps, o += 3) {
                if (ao < 0) {
                    out[o] = data[p + ro];
                    out[o + 1] = data[p + go];
                    out[o + 2] = data[p + bo];
                } else {
                    int a = data[p + ao] & 0xFF;
                    out[o] = (byte) overWhite(data[p + ro] & 0xFF, a);
                    out[o + 1] = (byte) overWhite(data[p + go] & 0xFF, a);
                    out[o + 2] = (byte) overWhite(data[p + bo] & 0xFF, a);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static boolean hasByteMasks(DirectColorModel dcm) {
        return Integer.bitCount(dcm.getRedMask()) == 8
                && Integer.bitCount(dcm.getGreenMask()) == 8
                && Integer.bitCount(dcm.getBlueMask()) == 8
                && (!dcm.hasAlpha() || Integer.bitCount(dcm.getAlphaMask()) == 8);
    }

    private static RgbImage fromPackedInts(BufferedImage image, DirectColorModel dcm) {
        int rs = Integer.numberOfTrailingZeros(dcm.getRedMask());
        int gs = Integer.numberOfTrailingZeros(dcm.getGreenMask());
        int bs = Integer.numberOfTrailingZeros(dcm.getBlueMask());
        int as = dcm.hasAlpha() ? Integer.numberOfTrailingZeros(dcm.getAlphaMask()) : -1;
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = pixels(w, h); // (h, w, 3)
        Object row = null;
        for (int y = 0, o = 0; y < h; y++) {
            row = raster.getDataElements(0, y, w, 1, row);
            int[] packed = (int[]) row; // (w,) one pixel per int
            for (int x = 0; x < w; x++, o += 3) {
                int v = packed[x];
                int a = as < 0 ? 255 : (v >>> as) & 0xFF;
                out[o] = (byte) overWhite((v >>> rs) & 0xFF, a);
                out[o + 1] = (byte) overWhite((v >>> gs) & 0xFF, a);
                out[o + 2] = (byte) overWhite((v >>> bs) & 0xFF, a);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Any raster with 8- or 16-bit samples, or sub-byte grey, read through {@link Raster#getPixels}. */
    private static RgbImage fromSamples(Raster raster, ColorModel cm, boolean gray, int bits) {
        int bands = cm.getNumComponents();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] samples = new int[w * bands]; // (w, bands) one row of raw samples
        byte[] out = pixels(w, h); // (h, w, 3)
        int alphaBand = cm.hasAlpha() ? bands - 1 : -1;
        for (int y = 0, o = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
            for (int x = 0, s = 0; x < w; x++, s += bands, o += 3) {
                int a = alphaBand < 0 ? 255 : to8(samples[s + alphaBand], bits);
                for (int c = 0; c < 3; c++) {
                    int v = to8(samples[s + (gray ? 0 : c)], bits);
                    out[o + c] = (byte) overWhite(v, a);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static int to8(int sample, int bits) {
        return switch (bits) {
            case 8 -> sample;
            case 16 -> sample >>> 8;
            default -> sample * 255 / ((1 << bits) - 1);
        };
    }

    private static RgbImage fromIndexed(BufferedImage image, IndexColorModel icm) {
        int[] palette = new int[icm.getMapSize()]; // (entries,) ARGB
        icm.getRGBs(palette);
        byte[] lut = new byte[palette.length * 3]; // (entries, 3) palette composited onto white
        for (int i = 0; i < palette.length; i++) {
            int a = palette[i] >>> 24;
            lut[i * 3] = (byte) overWhite((palette[i] >> 16) & 0xFF, a);
            lut[i * 3 + 1] = (byte) overWhite((palette[i] >> 8) & 0xFF, a);
            lut[i * 3 + 2] = (byte) overWhite(palette[i] & 0xFF, a);
        }
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] indices = new int[w]; // (w,) palette indices of one row
        byte[] out = pixels(w, h); // (h, w, 3)
        for (int y = 0, o = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, indices);
            for (int x = 0; x < w; x++, o += 3) {
                int i = indices[x] < palette.length ? indices[x] * 3 : -1;
                out[o] = i < 0 ? 0 : lut[i];
                out[o + 1] = i < 0 ? 0 : lut[i + 1];
                out[o + 2] = i < 0 ? 0 : lut[i + 2];
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Fallback for colour spaces PIL has no raw view of here (CMYK, premultiplied alpha, odd bit depths). */
    private static RgbImage viaSrgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w]; // (w,) ARGB
        byte[] out = pixels(w, h); // (h, w, 3)
        for (int y = 0, o = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++, o += 3) {
                int v = row[x];
                int a = v >>> 24;
                out[o] = (byte) overWhite((v >> 16) & 0xFF, a);
                out[o + 1] = (byte) overWhite((v >> 8) & 0xFF, a);
                out[o + 2] = (byte) overWhite(v & 0xFF, a);
            }
        }
        return new RgbImage(w, h, out);
    }
}
