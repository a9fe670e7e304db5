package dev.verdict.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    record Point(int x, long seed, double scale, String name, Path root, List<String> tags) implements With<Point> {
        Point {
            if (x < 0) {
                throw new IllegalArgumentException("x must be >= 0, got " + x);
            }
        }
    }

    private static final Point P = new Point(1, 2L, 0.5, "p", null, List.of("a"));

    @Test
    void replacesTheNamedComponentsAndKeepsTheRest() {
        Point q = P.with("x", 3, "name", "q", "root", Path.of("r"));
        assertEquals(new Point(3, 2L, 0.5, "q", Path.of("r"), List.of("a")), q);
        assertEquals(P, P.with(), "no pairs: an equal copy");
        assertEquals(new Point(1, 2L, 0.5, "p", null, List.of("a")), q.with("x", 1, "name", "p", "root", null));
    }

    @Test
    void widensIntegersToLongAndNumbersToDouble() {
        assertEquals(7L, P.with("seed", 7).seed());
        assertEquals(2.0, P.with("scale", 2).scale());
        assertEquals(0.25, P.with("scale", 0.25f).scale());
    }

    @Test
    void unknownNamesWrongTypesAndInvalidValuesAreClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> P.with("y", 1));
        assertTrue(
                unknown.getMessage().contains("Point has no component 'y'; it has x, seed, scale"),
                unknown.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> P.with("x", "3"));
        assertTrue(type.getMessage().contains("Point.x is a int, not a String"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> P.with("x", 2L), "no narrowing");
        assertThrows(IllegalArgumentException.class, () -> P.with("x", null), "a primitive is never null");
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> P.with("x", -1));
        assertEquals("x must be >= 0, got -1", invalid.getMessage(), "the record's own validation");
        assertThrows(IllegalArgumentException.class, () -> P.with("x"), "pairs only");
    }
}
