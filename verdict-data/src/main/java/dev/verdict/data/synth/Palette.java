package dev.verdict.data.synth;

import java.util.List;

/**
 * The colours of the world, far apart in RGB and each named by one word. A world uses the first {@code n} of
 * {@link #ALL}.
 */
public final class Palette {
    /** A named colour. */
    public record Colour(String name, int r, int g, int b) {
        /** Packed 0xRRGGBB. */
        public int rgb() {
            return (r << 16) | (g << 8) | b;
        }
    }

    /** Every colour, in the order worlds take them. */
    public static final List<Colour> ALL = List.of(
            new Colour("red", 220, 40, 40),
            new Colour("green", 30, 170, 60),
            new Colour("blue", 40, 80, 220),
            new Colour("yellow", 240, 210, 30),
            new Colour("purple", 150, 50, 190),
            new Colour("white", 245, 245, 245));

    /** The canvas background: a mid grey distinct from every colour. */
    public static final Colour BACKGROUND = new Colour("grey", 112, 112, 112);

    private Palette() {}
}
