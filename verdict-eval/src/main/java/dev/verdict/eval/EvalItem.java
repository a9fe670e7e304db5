package dev.verdict.eval;

import dev.verdict.judge.PairExample;

/**
 * One benchmark pair as the evaluator sees it.
 *
 * @param row 0-based position among the file's readable pairs: the item key (VL-RewardBench reuses 25 ids)
 * @param pair the pair in the file's order
 * @param category the category it is scored under ({@link Bench#category})
 * @param column the column for a mean-of-columns overall ({@link Bench#column})
 */
public record EvalItem(int row, PairExample pair, String category, String column) {}
