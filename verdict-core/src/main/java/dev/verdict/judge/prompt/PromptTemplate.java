package dev.verdict.judge.prompt;

import java.util.Arrays;
import java.util.List;

/** Which text a judge prompt is made of. */
public enum PromptTemplate {
    /** The whole R1-Reward prompt (paper Table 1), what the released checkpoint expects. */
    R1_REWARD("r1-reward"),
    /** Its input section alone: the question and the two responses under the template's own headings. */
    R1_INPUT("r1-input");

    private final String key;

    PromptTemplate(String key) {
        this.key = key;
    }

    /** The name used in configs and files. */
    public String key() {
        return key;
    }

    /** The prompt text for one pair, responses in the given order. */
    public String render(String question, String answer1, String answer2) {
        return this == R1_REWARD
                ? R1RewardPrompt.render(question, answer1, answer2)
                : R1RewardPrompt.fill(R1RewardPrompt.inputSection(), question, answer1, answer2);
    }

    /** Every key, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(PromptTemplate::key).toList();
    }

    /**
     * The template named {@code key}.
     *
     * @param field what is being read, for the error message
     */
    public static PromptTemplate parse(String key, String field) {
        for (PromptTemplate t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + keys() + ", got " + key);
    }
}
