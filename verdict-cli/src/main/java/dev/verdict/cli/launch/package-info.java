/**
 * {@code verdict launch}: N data-parallel worker processes with the torchrun variables, their output prefixed by
 * rank.
 */
package dev.verdict.cli.launch;
