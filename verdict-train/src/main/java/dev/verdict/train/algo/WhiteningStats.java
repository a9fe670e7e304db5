package dev.verdict.train.algo;

import dev.verdict.tensor.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Sufficient statistics for Reinforce++'s global token whitening: the sum, the sum of squares and the count of the
 * values at action positions, in float64. Statistics of several shards (micro-batches, or data-parallel ranks)
 * combine by {@link #merge} (or by an all-reduce SUM of {@link #toArray()}), so every rank whitens with the
 * same global mean and population standard deviation:
 *
 * <pre>
 *   μ = sum / n,   σ² = max(sumSq / n − μ², 0)   (population variance, divisor n)
 * </pre>
 *
 * Departure from OpenRLHF: it all-reduces the mean first and then the squared deviations (two rounds); one round
 * of (sum, sumSq, n) in float64 gives the same σ up to rounding for advantages of order 1–1000.
 *
 * @param sum Σ m_t A_t
 * @param sumSq Σ m_t A_t²
 * @param count Σ m_t (action tokens)
 */
public record WhiteningStats(double sum, double sumSq, long count) {
    /** No values. */
    public static final WhiteningStats EMPTY = new WhiteningStats(0, 0, 0);

    public WhiteningStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }

    /**
     * The statistics of the masked values of one shard.
     *
     * @param values [B, T]
     * @param mask [B, T] action mask
     */
    public static WhiteningStats of(Tensor values, Tensor mask) {
        Masks.checkSameShape("values", values, mask);
        Tensor v = Masks.zeroOutside(values.detach().to(torch.ScalarType.Double), mask);
        return new WhiteningStats(Tensors.item(v.sum()), Tensors.item(v.square().sum()), Masks.count(mask));
    }

    /** The combined statistics of both shards. */
    public WhiteningStats merge(WhiteningStats other) {
        return new WhiteningStats(sum + other.sum, sumSq + other.sumSq, count + other.count);
    }

    /** {@code {sum, sumSq, count}}, to all-reduce (SUM) across ranks. */
    public double[] toArray() {
        return new double[] {sum, sumSq, count};
    }

    /** The inverse of {@link #toArray()} (after an all-reduce SUM). */
    public static WhiteningStats fromArray(double[] a) {
        if (a.length != 3) {
            throw new IllegalArgumentException("need {sum, sumSq, count}, got " + a.length + " values");
        }
        return new WhiteningStats(a[0], a[1], Math.round(a[2]));
    }

    /** μ; fails when there are no values. */
    public double mean() {
        requireValues();
        return sum / count;
    }

    /** The population variance σ² (divisor n), never negative. */
    public double variance() {
        double mu = mean();
        return Math.max(sumSq / count - mu * mu, 0.0);
    }

    private void requireValues() {
        if (count == 0) {
            throw new IllegalStateException("no action tokens: whitening statistics are undefined");
        }
    }
}
