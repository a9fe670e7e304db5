package dev.verdict.train.algo;

import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * Per-token estimators of KL(π ‖ π_ref) from the log-probabilities of the sampled tokens, with {@code d_t = log
 * π(a_t|s_t) − log π_ref(a_t|s_t)}:
 *
 * <ul>
 *   <li>{@link #K1}: {@code kl_t = d_t} (unbiased, can be negative; what R1-Reward's recipe uses, {@code
 *       spec/r1-reward.md} §2.1).
 *   <li>{@link #K3}: {@code kl_t = exp(−d_t) − 1 + d_t} (Schulman's low-variance estimator, always ≥ 0).
 * </ul>
 *
 * Positions outside the action mask are 0. Departure from OpenRLHF: its k3 clamps the log-ratio to [−10, 10]
 * before {@code exp}; here K3 clamps {@code −d_t} to [−20, 20] only to keep the value finite, which leaves
 * every realistic input unchanged.
 */
public enum KlEstimator {
    K1,
    K3;

    private static final double K3_LOG_RATIO_BOUND = 20.0;

    /**
     * The masked per-token estimate.
     *
     * @param logProbs [B, T] log π of the sampled tokens (for the reward: the rollout policy's)
     * @param refLogProbs [B, T] log π_ref of the same tokens
     * @param mask [B, T] action mask (bool or float)
     * @return [B, T] kl_t, 0 outside the mask
     */
    public Tensor perToken(Tensor logProbs, Tensor refLogProbs, Tensor mask) {
        Masks.checkSameShape("logProbs", logProbs, mask);
        Masks.checkSameShape("refLogProbs", refLogProbs, mask);
        Tensor d = logProbs.sub(refLogProbs);
        Tensor kl = switch (this) {
            case K1 -> d;
            case K3 -> {
                Tensor neg = d.neg()
                        .clamp(
                                new ScalarOptional(Masks.s(-K3_LOG_RATIO_BOUND)),
                                new ScalarOptional(Masks.s(K3_LOG_RATIO_BOUND)));
                yield neg.exp().sub(Masks.s(1.0)).sub(neg);
            }
        };
        return Masks.zeroOutside(kl, mask);
    }
}
