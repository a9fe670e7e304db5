/**
 * The judge API: {@link dev.verdict.judge.PairExample} in, {@link dev.verdict.judge.Verdict} out, through a
 * {@link dev.verdict.judge.PairJudge}. Holds the byte-exact R1-Reward prompt ({@link
 * dev.verdict.judge.R1RewardPrompt}), the strict verdict parser ({@link dev.verdict.judge.VerdictParser}),
 * voting over K samples ({@link dev.verdict.judge.Voting}), the baselines ({@link
 * dev.verdict.judge.BaselineJudge}) and the OpenAI-compatible client ({@link dev.verdict.judge.OpenAiJudge}).
 * A local-model judge extends {@link dev.verdict.judge.SamplingJudge}.
 */
package dev.verdict.judge;
