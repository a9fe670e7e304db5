package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** RGB conversion of the image kinds ImageIO decodes to, read raw as Pillow reads them. */
class RgbConverterTest {

    @Test
    void compositeFormulaMatchesPillowRounding() {
        assertEquals(255, RgbConverter.overWhite(0, 0)); // fully transparent: white
        assertEquals(37, RgbConverter.overWhite(37, 255)); // opaque: unchanged
        assertEquals(128, RgbConverter.overWhite(0, 127)); // 255*128/255 = 128 exactly
        assertEquals(191, RgbConverter.overWhite(128, 128)); // (128*128 + 255*127)/255 = 191.25
        assertEquals(128, RgbConverter.overWhite(1, 128)); // (128 + 32385)/255 = 127.502
    }

    @Test
    void rgbaPngRoundTripMatchesPillowComposite() {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        for (int c = 0; c < 256; c++) {
            for (int a = 0; a < 256; a++) {
                img.setRGB(a, c, a << 24 | c << 16 | (255 - c) << 8 | c / 2);
            }
        }
        BufferedImage back = Images.decode(ImagesTest.encode(img, "png"));
        long expected = Long.parseLong(TestImages.reference("composite_white").get(0)[1], 16);
        assertEquals(expected, TestImages.crc(RgbImage.of(back).rgb()), "decoded as type " + back.getType());
    }

    @Test
    void grayIsReadRawNotGammaConverted() {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = gray.getRaster();
        r.setSample(0, 0, 0, 100);
        r.setSample(1, 0, 0, 0);
        r.setSample(2, 0, 0, 255);
        for (BufferedImage img : new BufferedImage[] {gray, Images.decode(ImagesTest.encode(gray, "png"))}) {
            RgbImage rgb = RgbImage.of(img);
            assertEquals(100, rgb.get(0, 0, 0));
            assertEquals(100, rgb.get(0, 0, 1));
            assertEquals(100, rgb.get(0, 0, 2));
            assertEquals(0, rgb.get(1, 0, 1));
            assertEquals(255, rgb.get(2, 0, 2));
        }
        // Java's own getRGB converts linear grey to sRGB: the raw read is what differs from it
        assertNotEquals(100, (gray.getRGB(0, 0) >> 16) & 0xFF);
    }

    @Test
    void sixteenBitKeepsTheHighByte() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 0xABCD);
        img.getRaster().setSample(1, 0, 0, 0x00FF);
        RgbImage rgb = RgbImage.of(Images.decode(ImagesTest.encode(img, "png")));
        assertEquals(0xAB, rgb.get(0, 0, 0));
        assertEquals(0x00, rgb.get(1, 0, 2));
    }

    @Test
    void paletteWithTransparency() {
        byte[] r = {(byte) 255, 0, 10};
        byte[] g = {0, (byte) 255, 20};
        byte[] b = {0, 0, 30};
        byte[] a = {(byte) 255, 0, (byte) 128};
        IndexColorModel icm = new IndexColorModel(8, 3, r, g, b, a);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int x = 0; x < 3; x++) {
            img.getRaster().setSample(x, 0, 0, x);
        }
        for (BufferedImage in : new BufferedImage[] {img, Images.decode(ImagesTest.encode(img, "png"))}) {
            RgbImage rgb = RgbImage.of(in);
            assertEquals(255, rgb.get(0, 0, 0));
            assertEquals(0, rgb.get(0, 0, 1));
            assertEquals(255, rgb.get(1, 0, 0), "transparent entry becomes white");
            assertEquals(RgbConverter.overWhite(10, 128), rgb.get(2, 0, 0));
            assertEquals(RgbConverter.overWhite(30, 128), rgb.get(2, 0, 2));
        }
    }

    @Test
    void bgrByteLayoutAndSubimages() {
        RgbImage src = TestImages.image(20, 10);
        BufferedImage bgr = new BufferedImage(20, 10, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(src.toBufferedImage(), 0, 0, null);
        assertEquals(src, RgbImage.of(bgr));
        RgbImage sub = RgbImage.of(bgr.getSubimage(5, 2, 7, 4));
        assertEquals(src.get(5, 2, 0), sub.get(0, 0, 0));
        assertEquals(src.get(11, 5, 2), sub.get(6, 3, 2));
    }
}
