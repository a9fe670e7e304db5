/**
 * The optimizer every trainer uses: AdamW with global clipping and data-parallel gradient averaging ({@link
 * dev.verdict.train.optim.TrainOptimizer}), the warmup + cosine schedule, and the choice of trainable parameters.
 */
package dev.verdict.train.optim;
