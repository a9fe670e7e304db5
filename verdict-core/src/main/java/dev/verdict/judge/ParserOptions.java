package dev.verdict.judge;

/**
 * Which fallbacks {@link VerdictParser} may use to read a choice from an output that fails the strict format.
 * A choice read by a fallback is still reported as format-invalid.
 *
 * @param answerTagFallback take the first {@code <answer>…</answer>} anywhere in the text, if its trimmed
 *     content is exactly {@code 1} or {@code 2} (the R1-Reward eval scripts' first rule, made strict: the
 *     scripts map any content other than "1" to Response 2; here it is invalid)
 * @param lastDigitFallback take the last ASCII {@code 1} or {@code 2} anywhere in the text (the R1-Reward
 *     VL-RewardBench / Multimodal-RewardBench scripts' second rule). Unicode digits such as {@code １} or
 *     {@code ١} never count.
 */
public record ParserOptions(boolean answerTagFallback, boolean lastDigitFallback) {
    /** Strict format only: anything else is INVALID. */
    public static final ParserOptions STRICT = new ParserOptions(false, false);

    /** The default: strict format, else the first well-formed {@code <answer>1|2</answer>}. */
    public static final ParserOptions DEFAULT = new ParserOptions(true, false);

    /** Parity with the released R1-Reward eval scripts: answer tag, then the last 1/2 in the text. */
    public static final ParserOptions R1_EVAL_SCRIPTS = new ParserOptions(true, true);
}
