/**
 * Benchmark evaluation of pairwise judges: {@link dev.verdict.eval.Evaluation} runs a judge over a benchmark
 * ({@link dev.verdict.eval.Bench}) in one or two order passes ({@link dev.verdict.eval.OrderMode}), records every
 * judgment in {@code items.jsonl} ({@link dev.verdict.eval.ItemsFile}, resumable) and computes the benchmarks'
 * exact metrics ({@link dev.verdict.eval.metrics.Metrics}) into {@code metrics.json}
 * ({@link dev.verdict.eval.MetricsReport}). The command and every key are documented in {@code docs/eval.md}.
 */
package dev.verdict.eval;
