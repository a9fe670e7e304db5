package dev.verdict.judge;

import dev.verdict.config.With;
import java.util.Objects;

/**
 * How to judge one pair.
 *
 * @param votes K, the number of sampled judgments to vote over (>= 1)
 * @param temperature sampling temperature (0 = greedy; the paper's main results are greedy, voting@K uses 1.0)
 * @param topP nucleus sampling mass (1.0 = off)
 * @param maxTokens the most tokens a judgment may have
 * @param seed base seed for sampling, random baselines and the RANDOM order
 * @param order which response is shown first
 * @param parser which fallbacks the verdict parser may use
 * @param tieRule what a voting tie becomes
 */
public record JudgeOptions(
        int votes,
        double temperature,
        double topP,
        int maxTokens,
        long seed,
        Order order,
        ParserOptions parser,
        TieRule tieRule)
        implements With<JudgeOptions> {

    public JudgeOptions {
        if (votes < 1) {
            throw new IllegalArgumentException("votes must be >= 1, got " + votes);
        }
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(tieRule, "tieRule");
    }

    /** One greedy sample, fixed order, default parser, 1024 tokens, seed 0. */
    public static JudgeOptions defaults() {
        return new JudgeOptions(1, 0.0, 1.0, 1024, 0L, Order.FIXED, ParserOptions.DEFAULT, TieRule.INVALID);
    }

    /** Voting@K: K samples at temperature 1.0 (the paper's test-time scaling setting). */
    public static JudgeOptions votes(int k) {
        return defaults().with("votes", k).with("temperature", 1.0);
    }

    /** Whether {@code pair} is shown swapped under this order setting. */
    public boolean swaps(PairExample pair) {
        return switch (order) {
            case FIXED -> false;
            case SWAPPED -> true;
            case RANDOM -> ItemSeeds.coin(seed, pair.id(), "order");
        };
    }
}
