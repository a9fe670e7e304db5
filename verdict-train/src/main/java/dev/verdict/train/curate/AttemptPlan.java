package dev.verdict.train.curate;

import dev.verdict.judge.ItemSeeds;
import dev.verdict.judge.JudgeOptions;
import java.util.Objects;

/**
 * How the attempts at one pair are sampled. Attempt 0 uses {@code firstTemperature} and the base seed; every
 * later attempt uses {@code retryTemperature} and its own seed, derived from (base seed, item id, attempt index),
 * so a deterministic judge (a local model decoding greedily, a seeded endpoint) writes something different on a
 * retry while every run stays reproducible.
 *
 * <p>The paper's teacher (GPT-4o) is queried at temperature 0 every time and relies on the API's own
 * nondeterminism for different retries; distill's default retry temperature of 0.7 makes the retries differ on
 * purpose. Setting it to 0 reproduces the paper's setting exactly (retries then differ by seed alone).
 *
 * @param maxAttempts the most attempts per pair (the paper: 3)
 * @param firstTemperature temperature of the first attempt (0 = greedy)
 * @param retryTemperature temperature of the later attempts
 * @param base the other judging options (tokens, parser, order, base seed); its votes and temperature are ignored
 */
public record AttemptPlan(int maxAttempts, double firstTemperature, double retryTemperature, JudgeOptions base) {

    public AttemptPlan {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + maxAttempts);
        }
        if (!(firstTemperature >= 0) || !(retryTemperature >= 0)) {
            throw new IllegalArgumentException(
                    "temperatures must be >= 0, got " + firstTemperature + " and " + retryTemperature);
        }
        Objects.requireNonNull(base, "base");
    }

    /** Distill's default: 3 attempts, greedy first, retries at temperature 0.7. */
    public static AttemptPlan distillDefaults() {
        return new AttemptPlan(3, 0.0, 0.7, JudgeOptions.defaults());
    }

    /** Curate's default: 3 attempts, greedy first (as the teacher was asked), then sampling at temperature 1. */
    public static AttemptPlan curateDefaults() {
        return new AttemptPlan(3, 0.0, 1.0, JudgeOptions.defaults());
    }

    /** The options of attempt {@code index} (0-based) at item {@code id}: one vote each. */
    public JudgeOptions options(String id, int index) {
        JudgeOptions o = base.with("votes", 1);
        if (index == 0) {
            return o.with("temperature", firstTemperature);
        }
        return o.with("temperature", retryTemperature).with("seed", ItemSeeds.of(base.seed(), id, "attempt", index));
    }
}
