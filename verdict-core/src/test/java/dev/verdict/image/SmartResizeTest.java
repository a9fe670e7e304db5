package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartResizeTest {

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        "100, 150, 112, 140", // spec 5.6 worked example
        "28, 28, 56, 56", // min_pixels branch
        "42, 70, 56, 56", // 1.5 -> 2 and 2.5 -> 2: round half to even
        "1000, 1000, 1008, 1008",
        "4000, 3000, 4004, 2996",
        "112, 112, 112, 112", // already a multiple of 28: kept
        "56, 56, 56, 56", // exactly min_pixels
        "29, 5600, 28, 5600", // aspect ratio just under 200
    })
    void releasedConfigExamples(int h, int w, int expectedH, int expectedW) {
        assertEquals(new ImageSize(expectedH, expectedW), SmartResize.of(h, w, ImageProcessorConfig.DEFAULT));
    }

    @Test
    void maxPixelsBranchShrinksBelowTheLimit() {
        // class-default max_pixels 28*28*1280: a 2000x3000 image must shrink
        ImageSize s = SmartResize.of(2000, 3000, 28, 3136, 1_003_520);
        // beta = sqrt(6e6 / 1003520) = 2.44514..; floor(2000/beta/28) = 29, floor(3000/beta/28) = 43
        assertEquals(new ImageSize(29 * 28, 43 * 28), s);
        assertTrue(s.pixels() <= 1_003_520);
    }

    @Test
    void mathRoundWouldDifferButRintIsUsed() {
        // 70/28 = 2.5: Python rounds to 2 (even), Math.round would give 3
        assertEquals(3, Math.round(70 / 28.0));
        assertEquals(new ImageSize(56, 56), SmartResize.of(70, 42, ImageProcessorConfig.DEFAULT));
    }

    @Test
    void tooSmallIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> SmartResize.of(27, 100, 28, 3136, 12845056));
        assertTrue(e.getMessage().contains("27x100"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 28"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmartResize.of(100, 27, 28, 3136, 12845056));
    }

    @Test
    void extremeAspectRatioIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> SmartResize.of(28, 5601, 28, 3136, 12845056));
        assertTrue(e.getMessage().contains("aspect ratio must be smaller than 200"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmartResize.of(6000, 29, 28, 3136, 12845056));
    }

    @Test
    void invalidBoundsAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> SmartResize.of(100, 100, 28, 5000, 4000));
        assertThrows(IllegalArgumentException.class, () -> SmartResize.of(100, 100, 0, 3136, 4000));
    }
}
