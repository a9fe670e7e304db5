/**
 * The synthetic multimodal world: scenes and their images, judge pairs with a rule teacher's judgments, pretraining
 * data with per-cell labels and the world's word-level vocabulary.
 */
package dev.verdict.data.synth;
