/**
 * The judge API: {@link dev.verdict.judge.PairExample} in, {@link dev.verdict.judge.Verdict} out, through a
 * {@link dev.verdict.judge.PairJudge}. Holds the records of a judgment (choices, options, orders), the strict
 * verdict parser ({@link dev.verdict.judge.VerdictParser}), voting over K samples ({@link
 * dev.verdict.judge.Voting}) and the baselines ({@link dev.verdict.judge.BaselineJudge}). A local-model judge extends
 * {@link dev.verdict.judge.SamplingJudge}. The prompt a judge reads is in {@code judge.prompt}; the client of
 * OpenAI-compatible endpoints in {@code judge.openai}.
 */
package dev.verdict.judge;
