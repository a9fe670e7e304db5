package dev.verdict.eval.metrics;

import java.util.Locale;

/**
 * How a verdict without a decision (INVALID: no parsable vote, a voting tie under the INVALID tie rule, or a judge
 * error) is scored ({@code spec/benchmarks.md} §7.3).
 */
public enum InvalidPolicy {
    /** Counts as wrong: in the denominator, never in the numerator (the default; R1-Reward scripts, VLMEvalKit). */
    WRONG,
    /** Left out of numerator and denominator (VL-RewardBench's official {@code cal.py}). */
    EXCLUDED,
    /**
     * Scored by a fair coin seeded from (run seed, row, order), so about half are right and reruns agree (Meta's
     * Multimodal RewardBench script draws a random A/B).
     */
    COIN;

    /** Parses {@code wrong}, {@code excluded} or {@code coin}. */
    public static InvalidPolicy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown invalid policy '" + name + "' (wrong, excluded, coin)", e);
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
