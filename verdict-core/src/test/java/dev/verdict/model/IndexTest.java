package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verdict.image.ImageGrid;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Position and window layouts against the worked examples of the Qwen2.5-VL fact sheet. */
class IndexTest {
    static final int IMG = 151655;
    static final int VS = 151652;
    static final int VE = 151653;

    @Test
    void mropePositionsForTextImageTextMatchTheWorkedExample() {
        // <|im_start|> user \n <|vision_start|> 6x<|image_pad|> <|vision_end|> hi <|im_end|>, grid (1, 4, 6)
        long[] ids = {151644, 872, 198, VS, IMG, IMG, IMG, IMG, IMG, IMG, VE, 6023, 151645};
        RopeIndex r = RopeIndex.compute(new long[][] {ids}, null, List.of(new ImageGrid(1, 4, 6)), IMG, VS, 2);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 7, 8, 9}, r.positions()[0][0]);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 4, 4, 5, 5, 5, 7, 8, 9}, r.positions()[1][0]);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 4, 5, 6, 7, 8, 9}, r.positions()[2][0]);
        assertEquals(-3, r.deltas()[0]);
    }

    @Test
    void leftPaddingShiftsTheDeltaAndMarksPadsWithOne() {
        long[] ids = {0, 0, 151644, 872, 198, VS, IMG, IMG, IMG, IMG, IMG, IMG, VE, 6023, 151645};
        boolean[] mask = new boolean[ids.length];
        Arrays.fill(mask, 2, ids.length, true);
        RopeIndex r = RopeIndex.compute(
                new long[][] {ids}, new boolean[][] {mask}, List.of(new ImageGrid(1, 4, 6)), IMG, VS, 2);
        assertArrayEquals(new long[] {1, 1, 0, 1, 2, 3, 4, 4, 4, 5, 5, 5, 7, 8, 9}, r.positions()[1][0]);
        assertEquals(-5, r.deltas()[0]);
        // the first generated token (cache position 15) gets 15 + delta = 10, as without padding
        assertEquals(10, 15 + r.deltas()[0]);
    }

    @Test
    void textOnlyCountsUpInAllStreams() {
        RopeIndex r = RopeIndex.compute(new long[][] {{5, 6, 7}}, null, List.of(), IMG, VS, 2);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(new long[] {0, 1, 2}, r.positions()[s][0]);
        }
        assertEquals(0, r.deltas()[0]);
    }

    @Test
    void missingImagesAreAClearError() {
        long[] ids = {VS, IMG, IMG, IMG, IMG, IMG, IMG, VE};
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> RopeIndex.compute(new long[][] {ids}, null, List.of(), IMG, VS, 2));
        assertEquals("a prompt has more image slots than images were given", e.getMessage());
    }

    @Test
    void windowIndexOfExampleA() {
        WindowIndex w = WindowIndex.compute(List.of(new ImageGrid(1, 8, 10)), 4, 2);
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18, 4, 9, 14, 19}, w.order());
        assertArrayEquals(new int[] {0, 64, 80}, w.cuWindow());
        assertArrayEquals(new int[] {0, 80}, w.cuFull());
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 16, 4, 5, 6, 7, 17, 8, 9, 10, 11, 18, 12, 13, 14, 15, 19}, w.inverse());
    }

    @Test
    void windowIndexOfExamplesBAndC() {
        WindowIndex b = WindowIndex.compute(List.of(new ImageGrid(1, 12, 20)), 4, 2);
        assertArrayEquals(new int[] {0, 64, 128, 160, 192, 224, 240}, b.cuWindow());
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33}, Arrays.copyOf(b.order(), 16));
        assertArrayEquals(new int[] {8, 9, 18, 19, 28, 29, 38, 39}, Arrays.copyOfRange(b.order(), 32, 40));
        assertArrayEquals(new int[] {48, 49, 58, 59}, Arrays.copyOfRange(b.order(), 56, 60));

        WindowIndex c = WindowIndex.compute(List.of(new ImageGrid(1, 8, 10), new ImageGrid(1, 4, 6)), 4, 2);
        assertArrayEquals(new int[] {0, 64, 80, 104}, c.cuWindow());
        assertArrayEquals(new int[] {0, 80, 104}, c.cuFull());
        assertArrayEquals(new int[] {20, 21, 22, 23, 24, 25}, Arrays.copyOfRange(c.order(), 20, 26));
    }
}
