/**
 * Readers of the preference layouts (verdict's schema, R1-Reward, VL-RewardBench, MM-RLHF-RewardBench, Multimodal
 * RewardBench) from JSONL, JSON or Parquet; every bad record becomes a problem naming its file, line and field.
 */
package dev.verdict.data.read;
