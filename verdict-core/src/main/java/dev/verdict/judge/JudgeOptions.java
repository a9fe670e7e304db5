package dev.verdict.judge;

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
        TieRule tieRule) {

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
        java.util.Objects.requireNonNull(order, "order");
        java.util.Objects.requireNonNull(parser, "parser");
        java.util.Objects.requireNonNull(tieRule, "tieRule");
    }

    /** One greedy sample, fixed order, default parser, 1024 tokens, seed 0. */
    public static JudgeOptions defaults() {
        return new JudgeOptions(1, 0.0, 1.0, 1024, 0L, Order.FIXED, ParserOptions.DEFAULT, TieRule.INVALID);
    }

    /** Voting@K: K samples at temperature 1.0 (the paper's test-time scaling setting). */
    public static JudgeOptions votes(int k) {
        return defaults().withVotes(k).withTemperature(1.0);
    }

    public JudgeOptions withVotes(int k) {
        return new JudgeOptions(k, temperature, topP, maxTokens, seed, order, parser, tieRule);
    }

    public JudgeOptions withTemperature(double t) {
        return new JudgeOptions(votes, t, topP, maxTokens, seed, order, parser, tieRule);
    }

    public JudgeOptions withTopP(double p) {
        return new JudgeOptions(votes, temperature, p, maxTokens, seed, order, parser, tieRule);
    }

    public JudgeOptions withMaxTokens(int n) {
        return new JudgeOptions(votes, temperature, topP, n, seed, order, parser, tieRule);
    }

    public JudgeOptions withSeed(long s) {
        return new JudgeOptions(votes, temperature, topP, maxTokens, s, order, parser, tieRule);
    }

    public JudgeOptions withOrder(Order o) {
        return new JudgeOptions(votes, temperature, topP, maxTokens, seed, o, parser, tieRule);
    }

    public JudgeOptions withParser(ParserOptions p) {
        return new JudgeOptions(votes, temperature, topP, maxTokens, seed, order, p, tieRule);
    }

    public JudgeOptions withTieRule(TieRule r) {
        return new JudgeOptions(votes, temperature, topP, maxTokens, seed, order, parser, r);
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
