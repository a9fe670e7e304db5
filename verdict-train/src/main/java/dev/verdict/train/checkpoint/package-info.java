/**
 * Checkpoints: Hugging Face model folders plus the trainer state (optimizer moments, data cursor, config hash) that
 * makes a resume exact.
 */
package dev.verdict.train.checkpoint;
