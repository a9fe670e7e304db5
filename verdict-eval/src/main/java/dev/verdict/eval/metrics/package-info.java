/**
 * The benchmarks' exact metrics over item records: accuracy, macro, Acc+, voting@K and any@K, per category and
 * column.
 */
package dev.verdict.eval.metrics;
