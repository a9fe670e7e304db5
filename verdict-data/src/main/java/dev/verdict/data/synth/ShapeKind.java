package dev.verdict.data.synth;

import java.util.Locale;

/** The shapes of the world. A world uses the first {@code n} of {@link #values()}. */
public enum ShapeKind {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND;

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
