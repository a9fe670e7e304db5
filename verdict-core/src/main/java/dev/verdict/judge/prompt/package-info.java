/**
 * The judge's prompt: the byte-exact R1-Reward template ({@link dev.verdict.judge.prompt.R1RewardPrompt}), its
 * whole or input-section form ({@link dev.verdict.judge.prompt.PromptTemplate}) and where the image sits ({@link
 * dev.verdict.judge.prompt.PromptLayout}, recorded in each checkpoint's {@code judge_prompt.json}).
 */
package dev.verdict.judge.prompt;
