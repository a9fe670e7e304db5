/**
 * StableReinforce RL: the config with every switch, rollouts, the image-conditioned log-prob pass, one step ({@code
 * RlStep}), the greedy check, the collapse rules ({@link dev.verdict.train.rl.Collapse}) and {@link
 * dev.verdict.train.rl.RlTrainer}, which sets a run up.
 */
package dev.verdict.train.rl;
