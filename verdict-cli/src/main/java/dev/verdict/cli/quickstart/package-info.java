/**
 * The whole pipeline in miniature ({@code verdict quickstart}) and the ablation ({@code verdict bench ablation}):
 * stages, plans, the world presets, summaries and their files.
 */
package dev.verdict.cli.quickstart;
