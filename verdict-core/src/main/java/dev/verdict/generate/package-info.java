/**
 * Generation and scoring: batched KV-cached sampling with per-request seeds, per-token log-probs of continuations,
 * the local-model judge.
 */
package dev.verdict.generate;
