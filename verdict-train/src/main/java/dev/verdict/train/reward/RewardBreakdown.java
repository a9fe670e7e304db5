package dev.verdict.train.reward;

/**
 * Every component of one sample's reward, for logging. An <b>excluded</b> sample (its consistency judge failed)
 * has {@code total = NaN} and {@code failure} set: it must be dropped from the advantage computation (zero its
 * action-mask row, mark it invalid for the group baseline), never scored as 0.
 *
 * @param format the format reward, 0 or 1
 * @param result the result reward, 0 or 1
 * @param consistency the judge's finding, or null when not judged (consistency off, or result 0 without
 *     {@code judgeIncorrect}, or excluded)
 * @param consistencyValue the finding's value on the configured scale (0 when not judged; NaN when excluded)
 * @param total {@code result × (1 + w_c × consistencyValue) + w_f × format}, NaN when excluded
 * @param failure why the sample is excluded, or null
 */
public record RewardBreakdown(
        double format, double result, Consistency consistency, double consistencyValue, double total, String failure) {

    /** Whether the sample must be left out of the advantage computation. */
    public boolean excluded() {
        return failure != null;
    }

    /** Whether a consistency finding was obtained. */
    public boolean judged() {
        return consistency != null;
    }
}
