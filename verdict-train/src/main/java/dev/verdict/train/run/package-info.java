/**
 * A training run: its folder (config.yaml, provenance.json, metrics.jsonl, samples.jsonl, checkpoints), the session
 * that opens and resumes it, the one step loop every stage shares ({@link dev.verdict.train.run.TrainLoop}), the
 * non-finite guard and the progress line.
 */
package dev.verdict.train.run;
