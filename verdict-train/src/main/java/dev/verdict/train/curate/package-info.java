/**
 * Cold-start data (R1-Reward §5.2): {@link dev.verdict.train.curate.Distiller} asks a teacher judge for up to
 * three judgments of each labelled pair and records how many attempts it needed (the SFT data);
 * {@link dev.verdict.train.curate.Curator} keeps the hard pairs (two or more attempts, or none right) for RL.
 */
package dev.verdict.train.curate;
