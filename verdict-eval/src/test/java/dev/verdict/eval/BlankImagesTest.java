package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageException;
import dev.verdict.image.Images;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class BlankImagesTest {
    @Test
    void everyImageBecomesUniformGreyOfTheSameSizeAndTheTextStays() throws IOException {
        BufferedImage scene = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                scene.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | 200);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scene, "png", png);
        PairExample pair = PairExample.of(ImageRef.bytes(png.toByteArray()), "Is there a circle?", "Yes.", "No.");

        PairExample blind = new BlankImages().blank(pair);

        assertEquals(1, blind.images().size());
        BufferedImage blank = Images.decode(blind.images().getFirst().bytes());
        assertEquals(40, blank.getWidth());
        assertEquals(30, blank.getHeight());
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(0x808080, blank.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertNotEquals(pair.images(), blind.images());
        assertEquals(pair.with("images", blind.images()), blind, "only the images change");
        PairExample text = PairExample.textOnly("q", "a", "b");
        assertEquals(text, new BlankImages().blank(text));
    }

    @Test
    void anUndecodableImageIsAnErrorThatNamesIt() {
        PairExample pair = PairExample.of(ImageRef.bytes(new byte[] {1, 2, 3}), "q", "a", "b");
        ImageException e = assertThrows(ImageException.class, () -> new BlankImages().blank(pair));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    }
}
