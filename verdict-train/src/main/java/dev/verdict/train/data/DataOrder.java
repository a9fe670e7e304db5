package dev.verdict.train.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which a trainer visits its examples: one seeded permutation per epoch, cut into global batches
 * of {@code globalBatch} examples; in data parallel each rank takes a contiguous slice of every global batch,
 * so that N processes see exactly the batches one process would (no duplicates, no gaps; a last partial batch
 * of an epoch is dropped). Pure and deterministic: the same (seed, epoch) always gives the same order.
 *
 * @param size number of examples
 * @param globalBatch examples per optimizer step, across all ranks
 * @param seed run seed
 */
public record DataOrder(int size, int globalBatch, long seed) {
    public DataOrder {
        if (globalBatch < 1) {
            throw new IllegalArgumentException("global batch must be >= 1, got " + globalBatch);
        }
        if (size < globalBatch) {
            throw new IllegalArgumentException(
                    "the data has " + size + " examples, fewer than one global batch of " + globalBatch);
        }
    }

    /** Full global batches per epoch. */
    public int batchesPerEpoch() {
        return size / globalBatch;
    }

    /** The permutation of {@code [0, size)} used in {@code epoch}. */
    public int[] permutation(int epoch) {
        return shuffled(size, seed * 1_000_003L + epoch);
    }

    /** A uniformly random permutation of {@code [0, n)} (Fisher-Yates) drawn from {@code rngSeed}. */
    public static int[] shuffled(int n, long rngSeed) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        SplittableRandom rng = new SplittableRandom(rngSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The example indexes of global batch number {@code step} (0-based, counted across epochs). */
    public int[] globalBatch(long step) {
        int epoch = epochOf(step);
        int b = (int) (step % batchesPerEpoch());
        return Arrays.copyOfRange(permutation(epoch), b * globalBatch, (b + 1) * globalBatch);
    }

    /** This rank's slice of global batch {@code step}; slices differ by at most one example in length. */
    public int[] shard(long step, int rank, int worldSize) {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " outside a world of " + worldSize);
        }
        int[] all = globalBatch(step);
        int from = (int) ((long) all.length * rank / worldSize);
        int to = (int) ((long) all.length * (rank + 1) / worldSize);
        return Arrays.copyOfRange(all, from, to);
    }

    /** The epoch that global batch {@code step} falls in. */
    public int epochOf(long step) {
        return (int) (step / batchesPerEpoch());
    }
}
