package dev.verdict.data.synth;

import java.util.Locale;

/**
 * How the world's rule teacher words its judgments. Both state the scene's true fact first and answer for the
 * response that agrees with it; they differ in how the reasoning gets from the fact to the answer.
 */
public enum Judgments {
    /**
     * Sentences: "Looking at the image, the triangle is yellow. Response 1 says the triangle is green, which is
     * wrong. Response 2 says the triangle is yellow, which is correct. So Response 2 is better."
     */
    PROSE,
    /**
     * Quotes and a look-up: "Looking at the image, the triangle is yellow. Response 1: green 1. Response 2: yellow
     * 2. So yellow 2." Each response is quoted by the one word it differs in, right after its number, and the
     * verdict is the number written after the quote that equals the fact's word. Measured on tiny decoders
     * (BENCHMARKS item 16): a quote far from its response number, and a comparison of two words, are not learned in
     * hundreds of steps; a quote next to the number, and a look-up, are.
     */
    LOOKUP;

    /**
     * What {@code train.blind_focus} trains without the images in the {@link #LOOKUP} wording, as the groups of a
     * regular expression: each response's quoted word and the looked-up number. Not the answer, which on a judge that
     * already answers from the image stops following the image without following the look-up (BENCHMARKS.md item 17);
     * a judge trained from the start learns the answer copy only with {@code |<answer>([12])<} added (item 18,
     * {@code recipes/small-world-sft.yaml}).
     */
    public static final String LOOKUP_FOCUS = "Response [12]: (\\S+) [12]\\.|So \\S+ ([12])\\.";

    /**
     * The {@code train.image_focus} expression for the look-up wording: the words that decide a judgment and that the
     * image (or the reasoning written from it) fixes: the fact's colour, "no" / "a" of an existence fact, the two
     * colours and the last "yes" / "no" of a same-colour chain, the word after "So" and its number, and the answer.
     */
    public static final String LOOKUP_IMAGE_FOCUS = "the \\w+ is (\\w+)\\.|there is (no|a) \\w+ in the image"
            + "|\\w+ (\\w+) yes, \\w+ (\\w+) (yes|no)\\.|So (\\S+) ([12])\\.|<answer>([12])<";

    /** The lower-case name used in world.json and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wording named {@code id} ({@code prose} or {@code lookup}). */
    public static Judgments of(String id) {
        for (Judgments j : values()) {
            if (j.id().equals(id)) {
                return j;
            }
        }
        throw new IllegalArgumentException("unknown judgment wording \"" + id + "\" (choose prose or lookup)");
    }
}
