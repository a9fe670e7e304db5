package dev.verdict.train.algo;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Reinforce++ global token whitening ({@code spec/r1-reward.md} §2.1): over all action tokens of the whole
 * rollout batch (all ranks),
 *
 * <pre>
 *   Â_t = (A_t − μ) / sqrt(max(σ², varFloor))     μ, σ² from {@link WhiteningStats} (population variance)
 * </pre>
 *
 * with {@code varFloor} = 1e-8 as OpenRLHF clamps it. Long responses weigh more in μ and σ because every token
 * counts. The result is 0 outside the mask. The paper writes {@code (A − μ)/(σ + ε)}; the clamped variance is
 * what the reference code runs (they differ only when σ is below 1e-4).
 */
public final class Whitening {
    /** OpenRLHF's lower bound on the variance. */
    public static final double DEFAULT_VAR_FLOOR = 1e-8;

    private Whitening() {}

    /**
     * Whitens with statistics of this batch alone (single process).
     *
     * @param advantages [B, T]
     * @param mask [B, T] action mask
     * @return [B, T] whitened advantages, 0 outside the mask
     */
    public static Tensor whiten(Tensor advantages, Tensor mask) {
        return whiten(advantages, mask, WhiteningStats.of(advantages, mask), DEFAULT_VAR_FLOOR);
    }

    /**
     * Whitens with given (e.g. all-reduced, global) statistics.
     *
     * @param advantages [B, T]
     * @param mask [B, T] action mask
     * @param stats global statistics (every rank passes the same)
     * @param varFloor lower bound on σ²
     * @return [B, T] whitened advantages, 0 outside the mask
     */
    public static Tensor whiten(Tensor advantages, Tensor mask, WhiteningStats stats, double varFloor) {
        Masks.checkSameShape("advantages", advantages, mask);
        double rstd = 1.0 / Math.sqrt(Math.max(stats.variance(), varFloor));
        Tensor z = advantages.sub(new Scalar(stats.mean())).mul(new Scalar(rstd));
        return Masks.zeroOutside(z, mask);
    }
}
