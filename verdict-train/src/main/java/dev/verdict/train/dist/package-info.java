/**
 * Data parallelism over c10d: collectives (Gloo on the CPU, NCCL named for GPUs), the torchrun environment,
 * gradient buckets.
 */
package dev.verdict.train.dist;
