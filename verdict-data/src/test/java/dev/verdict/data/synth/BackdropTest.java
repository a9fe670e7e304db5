package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackdropTest {

    @Test
    void tiledCellsAllDifferAndStayFarFromEveryObjectColour() {
        for (int grid = 2; grid <= 8; grid++) {
            Set<Integer> seen = new HashSet<>();
            for (int row = 0; row < grid; row++) {
                for (int col = 0; col < grid; col++) {
                    int rgb = Backdrop.TILED.rgb(row, col, grid);
                    assertTrue(seen.add(rgb), "grid " + grid + ": cell " + row + "," + col + " repeats a tint");
                    for (Palette.Colour c : Palette.ALL) {
                        assertTrue(
                                distance(rgb, c.rgb()) > 60, "tint of " + row + "," + col + " is too near " + c.name());
                    }
                }
            }
        }
        // the red channel follows the column, the green channel the row; the corners span 88..136
        assertEquals(0x585870, Backdrop.TILED.rgb(0, 0, 4));
        assertEquals(0x885870, Backdrop.TILED.rgb(0, 3, 4));
        assertEquals(0x588870, Backdrop.TILED.rgb(3, 0, 4));
    }

    @Test
    void flatIsTheGreyEverywhereAndNamesRoundTrip() {
        assertEquals(Palette.BACKGROUND.rgb(), Backdrop.FLAT.rgb(2, 3, 4));
        for (Backdrop b : Backdrop.values()) {
            assertEquals(b, Backdrop.of(b.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backdrop.of("striped"));
        assertTrue(e.getMessage().contains("striped"), e.getMessage());
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16) - (b >> 16);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
