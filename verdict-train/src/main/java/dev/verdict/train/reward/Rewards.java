package dev.verdict.train.reward;

import dev.verdict.judge.Choice;
import dev.verdict.judge.ParserOptions;
import dev.verdict.judge.Preference;
import dev.verdict.judge.VerdictParser;

/**
 * The R1-Reward reward components ({@code spec/r1-reward.md} §3):
 *
 * <pre>
 *   format      = 1 iff the output passes VerdictParser's strict format (§3.2), else 0
 *   result      = 1 iff the strictly parsed choice equals the label, else 0 (no parse, no label → 0)
 *   R           = result × (1 + w_c × consistency) + w_f × format        (w_c = w_f = 0.5)
 * </pre>
 *
 * Departures from the reference: result is an exact match of the choice read by the strict parser plus its
 * first-{@code <answer>} fallback ({@link ParserOptions#DEFAULT}), not a lenient math checker, and any failure to
 * read it is 0 where the reference's checker returned 1.0 on an exception (§7.3).
 */
public final class Rewards {
    private Rewards() {}

    /** The format reward of {@code response}: 1 or 0. */
    public static double format(String response) {
        return VerdictParser.isFormatValid(response) ? 1.0 : 0.0;
    }

    /**
     * The result reward: 1 when the choice in {@code response} matches {@code label}. The choice is read as the
     * reference reads the prediction (the first {@code <answer>…</answer>}, trimmed), so a correct answer with
     * a malformed think block still earns the result reward but not the format reward.
     */
    public static double result(String response, Preference label) {
        Choice c = VerdictParser.parse(response, ParserOptions.DEFAULT).choice();
        return c.matches(label) ? 1.0 : 0.0;
    }

    /** {@code result × (1 + w_c × consistencyValue) + w_f × format}. */
    public static double combine(double result, double consistencyValue, double format, RewardConfig config) {
        return result * (1.0 + config.consistencyWeight() * consistencyValue) + config.formatWeight() * format;
    }
}
