/**
 * The RL algorithms as pure functions over tensors with scalar references in the tests: returns, whitening, the
 * advantage filter, KL estimators, group baselines, the policy loss with Pre-CLIP.
 */
package dev.verdict.train.algo;
