package dev.verdict.train.algo;

import dev.verdict.tensor.Tensors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Discounted returns over the action tokens, computed backwards ({@code spec/r1-reward.md} §2.1):
 *
 * <pre>
 *   G_t = r_t + γ · G_{next action token after t}      (G = 0 past the last action token)
 * </pre>
 *
 * so for an action position t, {@code G_t = Σ_{k ≥ t, m_k = 1} γ^{n(t, k)} r_k} with {@code n(t, k)} the number
 * of action tokens in (t, k]: the discount counts action tokens only, and non-action positions (padding, or
 * masked tokens in the middle) neither add reward nor decay the sum. {@code G_t = 0} outside the mask. With
 * γ = 1 (the default everywhere in the recipe) this is a reverse cumulative sum. In Reinforce++ the advantage is
 * {@code A_t = G_t} (no critic, no baseline). Departure from OpenRLHF: it also decays through masked positions in
 * the middle of a row; for the right-padded rows R1-Reward produces the two agree exactly.
 */
public final class Returns {
    /** γ = 1, OpenRLHF's default and the recipe's value. */
    public static final double DEFAULT_GAMMA = 1.0;

    private Returns() {}

    /**
     * The returns.
     *
     * @param tokenRewards [B, T] r_t (from {@link TokenRewards})
     * @param mask [B, T] action mask
     * @param gamma discount γ in [0, 1]
     * @return [B, T] G_t, 0 outside the mask
     */
    public static Tensor discounted(Tensor tokenRewards, Tensor mask, double gamma) {
        Masks.checkSameShape("tokenRewards", tokenRewards, mask);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        Tensor r = Masks.zeroOutside(tokenRewards, mask);
        if (gamma == 1.0) {
            Tensor reverseCumsum = r.flip(1).cumsum(1).flip(1);
            return Masks.zeroOutside(reverseCumsum, mask);
        }
        Tensor m = Masks.asBool(mask);
        long t = r.size(1);
        Tensor running = torch.zeros_like(r.select(1, 0));
        Tensor[] columns = new Tensor[(int) t];
        for (long i = t - 1; i >= 0; i--) {
            Tensor mi = m.select(1, i);
            running = torch.where(mi, r.select(1, i).add(running.mul(new Scalar(gamma))), running);
            columns[(int) i] = torch.where(mi, running, new Scalar(0.0));
        }
        return torch.stack(Tensors.vector(columns), 1);
    }
}
