package dev.verdict.eval;

import dev.verdict.config.With;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.eval.metrics.InvalidPolicy;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import dev.verdict.judge.TieRule;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A resolved evaluation run, recorded in {@code metrics.json}.
 *
 * @param bench the benchmark
 * @param data the data file
 * @param imageRoot folder relative image paths resolve against (null = the data file's folder)
 * @param judge the judge's name ({@link dev.verdict.judge.PairJudge#name})
 * @param votes K samples per judgment (voting@1..K and any@1..K come from them)
 * @param temperature sampling temperature
 * @param maxTokens the most tokens per judgment
 * @param order order mode
 * @param invalid how INVALID verdicts score
 * @param categories VL-RewardBench category mapping
 * @param tieRule voting tie rule
 * @param blind what is shown in place of the images (off: the images themselves)
 * @param seed run seed (order coins, sampling seeds, random baseline, invalid coin)
 * @param limit judge only the first N pairs (0 = all)
 * @param concurrency judge calls in flight at once
 */
public record EvalConfig(
        Bench bench,
        Path data,
        Path imageRoot,
        String judge,
        int votes,
        double temperature,
        int maxTokens,
        OrderMode order,
        InvalidPolicy invalid,
        ReadOptions.CategoryMapping categories,
        TieRule tieRule,
        BlindMode blind,
        long seed,
        int limit,
        int concurrency)
        implements With<EvalConfig> {

    public EvalConfig {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(invalid, "invalid");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(tieRule, "tieRule");
        Objects.requireNonNull(blind, "blind");
        if (votes < 1) {
            throw new IllegalArgumentException("--votes must be >= 1, got " + votes);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1, got " + concurrency);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        }
    }

    /** Defaults: 1 greedy vote, random order, invalid = wrong, official categories, seed 0, sequential. */
    public static EvalConfig of(Bench bench, Path data, String judge) {
        return new EvalConfig(
                bench,
                data,
                null,
                judge,
                1,
                0.0,
                1024,
                OrderMode.RANDOM,
                InvalidPolicy.WRONG,
                ReadOptions.CategoryMapping.OFFICIAL,
                TieRule.INVALID,
                BlindMode.OFF,
                0L,
                0,
                1);
    }

    /** The judge options of one pass. */
    public JudgeOptions judgeOptions(String pass) {
        return JudgeOptions.defaults()
                .with("votes", votes)
                .with("temperature", temperature)
                .with("maxTokens", maxTokens)
                .with("seed", seed)
                .with("tieRule", tieRule)
                .with("order", pass == null ? Order.FIXED : OrderMode.orderOf(pass));
    }

    /** The read options for the data file. */
    public ReadOptions readOptions() {
        return ReadOptions.defaults()
                .with("layout", bench.layout())
                .with("imageRoot", imageRoot)
                .with("categories", categories);
    }
}
