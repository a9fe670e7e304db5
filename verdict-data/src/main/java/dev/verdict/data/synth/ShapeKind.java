package dev.verdict.data.synth;

import java.util.Locale;

/**
 * The shapes of the world. A world's objects use the first {@code n} of the {@link #OBJECT_SHAPES} object shapes;
 * {@link #BAR} is one cell of a bar in a bar chart.
 */
public enum ShapeKind {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND,
    BAR;

    /** How many shapes objects can take (BAR excluded). */
    public static final int OBJECT_SHAPES = 4;

    /** The singular noun ({@code circle}). */
    public String noun() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural noun ({@code circles}). */
    public String plural() {
        return noun() + "s";
    }

    /** The noun for {@code n} of them. */
    public String noun(int n) {
        return n == 1 ? noun() : plural();
    }
}
