package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherImagesTest {
    private static PairExample pair(String question, int... image) {
        byte[] bytes = new byte[image.length];
        for (int i = 0; i < image.length; i++) {
            bytes[i] = (byte) image[i];
        }
        return PairExample.of(ImageRef.bytes(bytes), question, "a", "b");
    }

    @Test
    void eachPairGetsTheNextPairsDifferentImagesWrappingAround() {
        // pairs 0 and 1 show the same image, so pair 0 must skip to pair 2's
        List<PairExample> pairs = List.of(pair("q0", 1, 1), pair("q1", 1, 1), pair("q2", 2, 2), pair("q3", 3));
        OtherImages others = new OtherImages(pairs);

        PairExample shown = others.swap(0);
        assertArrayEquals(new byte[] {2, 2}, shown.images().getFirst().bytes());
        assertEquals(pairs.get(0).with("images", shown.images()), shown, "only the images change");
        assertArrayEquals(new byte[] {2, 2}, others.swap(1).images().getFirst().bytes());
        assertArrayEquals(new byte[] {3}, others.swap(2).images().getFirst().bytes());
        assertArrayEquals(new byte[] {1, 1}, others.swap(3).images().getFirst().bytes(), "wraps to the first");
        assertEquals(BlindMode.OTHER_IMAGE, BlindMode.parse("other-image"));
        assertEquals("blank", BlindMode.BLANK.label());
    }

    @Test
    void noDifferentImageAnywhereIsAnErrorNamingThePair() {
        OtherImages same = new OtherImages(List.of(pair("q0", 7), pair("q1", 7)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> same.swap(1));
        assertTrue(e.getMessage().contains("other-image") && e.getMessage().contains("2"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> BlindMode.parse("grey"));
        assertTrue(bad.getMessage().contains("blank or other-image"), bad.getMessage());
    }
}
