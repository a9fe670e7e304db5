/**
 * Supervised fine-tuning: examples and batches with their loss masks, the supervised step shared by SFT and
 * pretraining ({@link dev.verdict.train.sft.SupervisedStep}), focus terms, the cell probe, and {@link
 * dev.verdict.train.sft.SftTrainer}, which sets a run up.
 */
package dev.verdict.train.sft;
