/**
 * {@code verdict report}: reads an eval run folder ({@code metrics.json}, {@code items.jsonl}) and a training run's
 * {@code metrics.jsonl} ({@link dev.verdict.eval.report.ReportData}), draws the charts with JFreeChart as inline
 * SVG ({@link dev.verdict.eval.report.Charts}) and writes one self-contained {@code report.html}
 * ({@link dev.verdict.eval.report.HtmlReport}).
 */
package dev.verdict.eval.report;
