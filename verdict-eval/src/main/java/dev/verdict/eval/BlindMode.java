package dev.verdict.eval;

import java.util.Locale;

/** What a blind evaluation shows in place of each pair's images ({@code eval --blind[=MODE]}). */
public enum BlindMode {
    /** The real images (not blind). */
    OFF,
    /** A uniform grey image of the same size: nothing to see, but outside a world judge's training images. */
    BLANK,
    /**
     * The images of another pair of the same file (the next one whose images differ): in distribution, but
     * uninformative about this pair.
     */
    OTHER_IMAGE;

    /** Whether the images are withheld. */
    public boolean on() {
        return this != OFF;
    }

    /** The option value: off, blank, other-image. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an option value; an unknown one is an error naming the choices. */
    public static BlindMode parse(String s) {
        for (BlindMode m : values()) {
            if (m.label().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--blind must be blank or other-image, got '" + s + "'");
    }
}
