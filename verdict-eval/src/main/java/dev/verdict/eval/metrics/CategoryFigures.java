package dev.verdict.eval.metrics;

/**
 * The figures of one category (or of all items).
 *
 * @param judgments item-order judgments in the category
 * @param counted judgments in the denominator (all but EXCLUDED ones)
 * @param correct correct judgments
 * @param accuracy 100 * correct / counted, or null when nothing is counted
 * @param groups prompt groups with at least one counted judgment
 * @param groupsCorrect groups all of whose counted judgments are correct
 * @param accPlus 100 * groupsCorrect / groups (MM-RLHF-RewardBench's Acc+), or null when there is no group
 */
public record CategoryFigures(
        int judgments, int counted, int correct, Double accuracy, int groups, int groupsCorrect, Double accPlus) {}
