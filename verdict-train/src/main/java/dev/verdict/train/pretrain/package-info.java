/**
 * The synthetic world's base-model stage: its data and config, the held-out answers it measures, the word
 * prototypes of its probe, and the cache of pretrained bases ({@link dev.verdict.train.pretrain.BaseCache}).
 */
package dev.verdict.train.pretrain;
