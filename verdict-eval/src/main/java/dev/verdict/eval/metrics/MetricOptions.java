package dev.verdict.eval.metrics;

import dev.verdict.judge.TieRule;

/**
 * How judgments are turned into figures.
 *
 * @param policy how INVALID choices score
 * @param tieRule what a voting tie among valid votes becomes (as {@link dev.verdict.judge.Voting})
 * @param seed seed of the INVALID coin
 */
public record MetricOptions(InvalidPolicy policy, TieRule tieRule, long seed) {

    public static MetricOptions defaults() {
        return new MetricOptions(InvalidPolicy.WRONG, TieRule.INVALID, 0L);
    }
}
