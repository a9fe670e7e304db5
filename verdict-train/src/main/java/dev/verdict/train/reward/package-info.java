/**
 * The R1-Reward rewards: format, result and consistency, the consistency judges (the world's rule checker, an
 * OpenAI-compatible LLM) and the batch scorer that applies them.
 */
package dev.verdict.train.reward;
