package dev.verdict.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * Where a user turn's image slots sit relative to its text. Qwen2.5-VL's examples and R1-Reward's inference
 * scripts put the image first; R1-Reward's RL training data puts it after the text, which in a causal decoder
 * lets the image tokens attend to the question and puts the image next to the reply that has to read it.
 */
public enum ImagePosition {
    BEFORE_TEXT("before-text"),
    AFTER_TEXT("after-text");

    private final String key;

    ImagePosition(String key) {
        this.key = key;
    }

    /** The name used in configs and files ({@code before-text}, {@code after-text}). */
    public String key() {
        return key;
    }

    /** Every key, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(ImagePosition::key).toList();
    }

    /**
     * The position named {@code key}.
     *
     * @param field what is being read, for the error message (a config key or a file)
     */
    public static ImagePosition parse(String key, String field) {
        for (ImagePosition p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + keys() + ", got " + key);
    }
}
