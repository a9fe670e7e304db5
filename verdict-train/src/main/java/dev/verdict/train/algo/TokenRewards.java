package dev.verdict.train.algo;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Token-level rewards of Reinforce++ / StableReinforce ({@code spec/r1-reward.md} §2.1):
 *
 * <pre>
 *   r_t = −β · kl_t · m_t + [t = last action token of the row] · clip(R, −c, c)
 * </pre>
 *
 * where {@code kl_t} comes from {@link KlEstimator} (computed with the rollout policy's log-probs), {@code R} is
 * the scalar sequence reward and {@code c} the reward clip (OpenRLHF: 10; {@code Double.POSITIVE_INFINITY}
 * turns it off). The last action token is the last position with {@code m_t = 1} (the EOS token when it is in the
 * mask). A row with no action token (an excluded sample) gets no reward at all.
 */
public final class TokenRewards {
    /** OpenRLHF's default reward clip range, ±10 (no effect on R1-Reward's rewards, which lie in [0, 2]). */
    public static final double DEFAULT_REWARD_CLIP = 10.0;

    private TokenRewards() {}

    /**
     * The token rewards.
     *
     * @param kl [B, T] per-token KL estimate (0 outside the mask)
     * @param finalRewards [B] scalar reward per sequence
     * @param mask [B, T] action mask
     * @param beta KL coefficient β ≥ 0 (paper 0, reference script 1e-3)
     * @param rewardClip c > 0: R is clipped to [−c, c]
     * @return [B, T] r_t, 0 outside the mask
     */
    public static Tensor compute(Tensor kl, Tensor finalRewards, Tensor mask, double beta, double rewardClip) {
        Masks.checkSameShape("kl", kl, mask);
        Masks.checkVector("finalRewards", finalRewards, mask.size(0));
        if (!(beta >= 0) || !(rewardClip > 0)) {
            throw new IllegalArgumentException("need beta >= 0 and rewardClip > 0, got " + beta + ", " + rewardClip);
        }
        Tensor penalty = Masks.zeroOutside(kl.mul(new Scalar(-beta)), mask);
        Tensor r = finalRewards.to(kl.scalar_type());
        if (Double.isFinite(rewardClip)) {
            r = r.clamp(new ScalarOptional(new Scalar(-rewardClip)), new ScalarOptional(new Scalar(rewardClip)));
        }
        Tensor last = lastActionOneHot(mask);
        return penalty.add(last.to(kl.scalar_type()).mul(r.unsqueeze(1)));
    }

    /**
     * A one-hot of the last action position of each row (all false for a row without action tokens).
     *
     * @param mask [B, T]
     * @return [B, T] bool
     */
    public static Tensor lastActionOneHot(Tensor mask) {
        Tensor m = Masks.asBool(mask);
        long t = m.size(1);
        Tensor positions = torch.arange(new Scalar(1), new Scalar(t + 1), new TensorOptions(torch.ScalarType.Long));
        positions = positions.to(m.device(), torch.ScalarType.Long);
        // position+1 where set, 0 elsewhere: the row max is the last set position (+1), 0 for an empty row
        Tensor weighted = m.to(torch.ScalarType.Long).mul(positions.unsqueeze(0));
        Tensor lastPlusOne = weighted.amax(new long[] {1}, true);
        return weighted.eq(lastPlusOne).logical_and(m);
    }
}
