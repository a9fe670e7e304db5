/**
 * Benchmarks ({@code verdict bench ...}): GEMM peak, the SFT trainer's step, decoding, loading, all-reduce and
 * serving, each as a ratio against a same-run peak or a peer.
 */
package dev.verdict.cli.bench;
