package dev.verdict.train.reward;

/**
 * A consistency judge's finding: does the reasoning of a judgment agree with its final answer?
 *
 * <p>Numeric value ({@link #value(Scale)}), used in {@code R = result × (1 + w_c × consistency) + w_f ×
 * format}:
 *
 * <table>
 *   <caption>value by scale</caption>
 *   <tr><th></th><th>{@link Scale#SIGNED} (default, the reference code)</th><th>{@link Scale#BINARY} (a {0, 1}
 *       reading of the paper)</th></tr>
 *   <tr><td>{@link #CONSISTENT}</td><td>+1</td><td>1</td></tr>
 *   <tr><td>{@link #INCONSISTENT}</td><td>−1</td><td>0</td></tr>
 *   <tr><td>{@link #UNDETERMINED}</td><td>0</td><td>0</td></tr>
 * </table>
 *
 * UNDETERMINED is what the reference code returns after three unparseable judge replies, and what the rule checker
 * returns for a judgment without an answer. A judge that could not be reached returns nothing: it throws {@link
 * ConsistencyJudgeException} and the sample is excluded, never scored as UNDETERMINED.
 */
public enum Consistency {
    CONSISTENT,
    INCONSISTENT,
    UNDETERMINED;

    /** The value set of the consistency reward. */
    public enum Scale {
        /** {+1, −1, 0}: the released reward server ({@code spec/r1-reward.md} §3.4). */
        SIGNED,
        /** {1, 0}: consistent 1, anything else 0. */
        BINARY
    }

    /** The numeric value of this finding on {@code scale}. */
    public double value(Scale scale) {
        return switch (this) {
            case CONSISTENT -> 1.0;
            case INCONSISTENT -> scale == Scale.SIGNED ? -1.0 : 0.0;
            case UNDETERMINED -> 0.0;
        };
    }
}
