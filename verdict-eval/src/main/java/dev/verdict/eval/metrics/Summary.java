package dev.verdict.eval.metrics;

import java.util.Map;

/**
 * All figures of one set of judgments at one K, in percent (null where the denominator is zero).
 *
 * <ul>
 *   <li>{@code overall}: micro accuracy, correct / counted over every judgment (VL-RewardBench "overall",
 *       MM-RLHF-RewardBench "Acc", Multimodal RewardBench "all" / Meta's leaderboard overall).
 *   <li>{@code macro}: unweighted mean of the category accuracies (VL-RewardBench's recommended figure).
 *   <li>{@code accPlus}: fraction of prompt groups all of whose judgments are correct (MM-RLHF-RewardBench Acc+).
 *   <li>{@code columnMean}: unweighted mean over the columns' accuracies, where a column pools the categories
 *       {@link dev.verdict.eval.Bench#column} maps to it (the R1-Reward paper's Multimodal RewardBench overall:
 *       mean of 7 columns, safety as one).
 *   <li>{@code invalidRate}: judgments whose voted choice is INVALID (errors included) / all judgments.
 * </ul>
 *
 * @param all the figures over every judgment
 * @param overall micro accuracy
 * @param macro mean of category accuracies
 * @param accPlus group accuracy over all groups
 * @param columnMean mean of column accuracies
 * @param categories per-category figures, sorted by name
 * @param columns per-column accuracy, sorted by name
 * @param invalidRate percent of judgments without a decision
 * @param errors judgments the judge failed on (scored as INVALID)
 */
public record Summary(
        CategoryFigures all,
        Double overall,
        Double macro,
        Double accPlus,
        Double columnMean,
        Map<String, CategoryFigures> categories,
        Map<String, Double> columns,
        double invalidRate,
        int errors) {}
