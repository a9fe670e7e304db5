package dev.verdict.train.algo;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * How per-token losses ℓ_t (masked by m_t) become one scalar. Rows without action tokens (excluded samples)
 * contribute nothing and are not counted as sequences.
 */
public enum LossAggregation {
    /**
     * {@code (1/S) Σ_i (Σ_t m_it ℓ_it / Σ_t m_it)}, S = rows with ≥ 1 action token: the per-sequence token mean,
     * then the mean over sequences (R1-Reward / OpenRLHF, {@code spec/r1-reward.md} §2.4). The default.
     */
    SEQ_MEAN_TOKEN_MEAN,
    /** {@code (1/S) Σ_i Σ_t m_it ℓ_it}: per-sequence token sum, mean over sequences. */
    SEQ_MEAN_TOKEN_SUM,
    /** {@code Σ m ℓ / Σ m}: the mean over all action tokens of the batch (DAPO-style token-level). */
    TOKEN_MEAN,
    /**
     * {@code Σ m ℓ}: the plain sum; divide by a global token count yourself for a data-parallel-invariant token
     * mean.
     */
    TOKEN_SUM;

    /**
     * Aggregates.
     *
     * @param values [B, T] per-token values
     * @param mask [B, T] action mask
     * @return a scalar tensor (differentiable in {@code values})
     */
    public Tensor aggregate(Tensor values, Tensor mask) {
        Masks.checkSameShape("values", values, mask);
        Tensor v = Masks.zeroOutside(values, mask);
        Tensor counts = Masks.asFloat(mask, values).sum(new long[] {1}, false, new ScalarTypeOptional());
        Tensor nonEmpty = counts.gt(new Scalar(0)).to(values.scalar_type()).sum();
        Tensor rowSums = v.sum(new long[] {1}, false, new ScalarTypeOptional());
        return switch (this) {
            case SEQ_MEAN_TOKEN_MEAN ->
                rowSums.div(counts.clamp_min(new Scalar(1))).sum().div(nonEmpty.clamp_min(new Scalar(1)));
            case SEQ_MEAN_TOKEN_SUM -> rowSums.sum().div(nonEmpty.clamp_min(new Scalar(1)));
            case TOKEN_MEAN -> v.sum().div(counts.sum().clamp_min(new Scalar(1)));
            case TOKEN_SUM -> v.sum();
        };
    }
}
