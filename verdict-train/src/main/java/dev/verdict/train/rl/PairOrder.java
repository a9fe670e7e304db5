package dev.verdict.train.rl;

import dev.verdict.judge.PairExample;
import java.util.SplittableRandom;

/**
 * The order in which an RL step shows a pair's responses: as stored, or swapped (label flipped) with probability
 * 1/2 by a coin that depends only on the run seed, the step and the pair's index in the data, so that every rank
 * and a resumed run see the same order.
 */
final class PairOrder {
    private PairOrder() {}

    /** Whether pair {@code index} is shown swapped at {@code step} of a run seeded {@code seed}. */
    static boolean swapped(long seed, long step, int index) {
        long key = seed ^ (step * 0x9E3779B97F4A7C15L) ^ ((index + 1L) * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(key).nextBoolean();
    }

    /** The pair as shown: itself, or with {@code random} its swapped form when the coin says so. */
    static PairExample shown(PairExample pair, boolean random, long seed, long step, int index) {
        return random && swapped(seed, step, index) ? pair.swapped() : pair;
    }
}
