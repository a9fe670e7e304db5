package dev.verdict.judge;

/**
 * What {@link VerdictParser} read from one model output.
 *
 * @param choice the pick, in the order the responses were presented to the model
 * @param formatValid whether the output passes the strict R1-Reward format
 * @param reasoning the text inside {@code <think>…</think>} (empty when there is none)
 * @param extraction which rule produced the choice
 */
public record ParsedOutput(Choice choice, boolean formatValid, String reasoning, Extraction extraction) {

    /** The rule that produced a choice. */
    public enum Extraction {
        /** The output passed the strict format. */
        STRICT,
        /** Fallback: the first {@code <answer>1|2</answer>} in an otherwise malformed output. */
        ANSWER_TAG,
        /** Fallback: the last ASCII 1 or 2 in the text. */
        LAST_DIGIT,
        /** No rule applied: the choice is INVALID. */
        NONE
    }
}
