package dev.verdict.train.algo;

import dev.verdict.config.With;
import dev.verdict.tensor.Ops;
import dev.verdict.tensor.Tensors;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The PPO-clip surrogate with StableReinforce's Pre-CLIP ({@code spec/r1-reward.md} §2.2, §2.4). Per action
 * token, with {@code d_t = log π_θ(a_t|s_t) − log π_θold(a_t|s_t)}:
 *
 * <pre>
 *   d'_t    = clamp(d_t, ln δ_min, ln δ_max)        (Pre-CLIP; δ_min = 1e-3, δ_max = 1e3; d'_t = d_t when off)
 *   ratio_t = exp(d'_t)
 *   ℓ_t     = −min(ratio_t · Â_t, clip(ratio_t, 1 − ε_low, 1 + ε_high) · Â_t)      (ε = 0.2)
 *   L       = aggregate(ℓ) − c_H · aggregate(H)     (entropy bonus, c_H = 0 in the recipe)
 * </pre>
 *
 * The clamp has zero gradient outside its bounds, so a token whose log-ratio left [ln δ_min, ln δ_max] gets no
 * gradient through either term. Without Pre-CLIP a log-ratio above ~88 overflows {@code exp} in float32 and
 * the loss becomes ±Inf / NaN (the Reinforce++ collapse); with it the ratio is at most δ_max. Non-action
 * positions are neutralised before {@code exp} (d = 0) so garbage in padding cannot poison the gradient, and
 * 16-bit inputs are computed in float32.
 * Departures from the reference: ε may be asymmetric (both 0.2 by default), the bounds are configurable (hard
 * coded there), and the aggregation is selectable ({@link LossAggregation}; the reference's is the default).
 */
public final class PolicyLoss {
    /**
     * Settings.
     *
     * @param clipLow ε_low: the ratio is clipped below at 1 − ε_low
     * @param clipHigh ε_high: the ratio is clipped above at 1 + ε_high
     * @param preClip clamp the log-ratio before {@code exp} (StableReinforce)
     * @param logRatioMin ln δ_min
     * @param logRatioMax ln δ_max
     * @param aggregation how token losses become a scalar
     * @param entropyCoef c_H ≥ 0; needs per-token entropies when > 0
     */
    public record Config(
            double clipLow,
            double clipHigh,
            boolean preClip,
            double logRatioMin,
            double logRatioMax,
            LossAggregation aggregation,
            double entropyCoef)
            implements With<Config> {
        /** ln 1e-3. */
        public static final double LN_DELTA_MIN = Math.log(1e-3);
        /** ln 1e3. */
        public static final double LN_DELTA_MAX = Math.log(1e3);
        /** StableReinforce: ε = 0.2, Pre-CLIP to [ln 1e-3, ln 1e3], sequence mean of token means, no entropy. */
        public static final Config STABLE_REINFORCE =
                new Config(0.2, 0.2, true, LN_DELTA_MIN, LN_DELTA_MAX, LossAggregation.SEQ_MEAN_TOKEN_MEAN, 0.0);
        /** Plain PPO-clip (Reinforce++): no Pre-CLIP. */
        public static final Config PPO =
                new Config(0.2, 0.2, false, LN_DELTA_MIN, LN_DELTA_MAX, LossAggregation.SEQ_MEAN_TOKEN_MEAN, 0.0);

        public Config {
            Objects.requireNonNull(aggregation, "aggregation");
            if (!(clipLow >= 0 && clipLow < 1) || !(clipHigh >= 0)) {
                throw new IllegalArgumentException("need 0 <= clipLow < 1 and clipHigh >= 0");
            }
            if (!(logRatioMin < logRatioMax)) {
                throw new IllegalArgumentException("need logRatioMin < logRatioMax");
            }
            if (!(entropyCoef >= 0)) {
                throw new IllegalArgumentException("entropyCoef must be >= 0");
            }
        }
    }

    /**
     * Diagnostics over the action tokens (NaN when there are none).
     *
     * @param ratioMin smallest ratio_t used by the loss
     * @param ratioMax largest ratio_t used by the loss
     * @param clipFraction share of tokens where the clipped term is strictly the smaller one (the clip acts)
     * @param preClipFraction share of tokens whose log-ratio was outside [ln δ_min, ln δ_max] (0 without Pre-CLIP)
     * @param approxKl mean of {@code ratio − 1 − ln ratio} (k3 estimate of KL(π_old ‖ π_θ))
     * @param entropy mean per-token entropy, NaN when none was given
     * @param actionTokens number of action tokens
     */
    public record Diagnostics(
            double ratioMin,
            double ratioMax,
            double clipFraction,
            double preClipFraction,
            double approxKl,
            double entropy,
            long actionTokens) {}

    /**
     * The loss and its parts.
     *
     * @param loss scalar, differentiable in the policy log-probs
     * @param tokenLoss [B, T] ℓ_t (policy part only), 0 outside the mask
     * @param diagnostics detached statistics
     */
    public record Result(Tensor loss, Tensor tokenLoss, Diagnostics diagnostics) {}

    private PolicyLoss() {}

    /**
     * Computes the loss.
     *
     * @param logProbs [B, T] log π_θ of the sampled tokens (requires grad in training)
     * @param oldLogProbs [B, T] log π_θold at rollout time (no grad)
     * @param advantages [B, T] Â_t (whitened, filtered), 0 outside the mask
     * @param mask [B, T] action mask
     * @param entropy [B, T] per-token entropy of π_θ, or null (required when entropyCoef > 0)
     * @param config settings
     */
    public static Result compute(
            Tensor logProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, Tensor entropy, Config config) {
        Masks.checkSameShape("logProbs", logProbs, mask);
        Masks.checkSameShape("oldLogProbs", oldLogProbs, mask);
        Masks.checkSameShape("advantages", advantages, mask);
        if (config.entropyCoef() > 0 && entropy == null) {
            throw new IllegalArgumentException("entropyCoef > 0 needs per-token entropies");
        }
        Tensor m = Masks.asBool(mask);
        // 16-bit inputs are widened: exp of a bf16 log-ratio would be off by up to ~1%
        Tensor rawLogRatio = torch.where(m, Ops.atLeastF32(logProbs).sub(Ops.atLeastF32(oldLogProbs)), new Scalar(0.0));
        Tensor logRatio = config.preClip()
                ? rawLogRatio.clamp(
                        new ScalarOptional(new Scalar(config.logRatioMin())),
                        new ScalarOptional(new Scalar(config.logRatioMax())))
                : rawLogRatio;
        Tensor ratio = logRatio.exp();
        Tensor adv = torch.where(m, Ops.atLeastF32(advantages), new Scalar(0.0));
        Tensor surr1 = ratio.mul(adv);
        Tensor clipped = ratio.clamp(
                new ScalarOptional(new Scalar(1 - config.clipLow())),
                new ScalarOptional(new Scalar(1 + config.clipHigh())));
        Tensor surr2 = clipped.mul(adv);
        Tensor tokenLoss = Masks.zeroOutside(torch.minimum(surr1, surr2).neg(), m);
        Tensor loss = config.aggregation().aggregate(tokenLoss, m);
        if (config.entropyCoef() > 0) {
            Masks.checkSameShape("entropy", entropy, mask);
            loss = loss.sub(config.aggregation().aggregate(entropy, m).mul(new Scalar(config.entropyCoef())));
        }
        Diagnostics d =
                diagnostics(rawLogRatio.detach(), ratio.detach(), surr1.detach(), surr2.detach(), m, entropy, config);
        return new Result(loss, tokenLoss, d);
    }

    private static Diagnostics diagnostics(
            Tensor rawLogRatio, Tensor ratio, Tensor surr1, Tensor surr2, Tensor m, Tensor entropy, Config config) {
        long n = Masks.count(m);
        if (n == 0) {
            return new Diagnostics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double ratioMin = Tensors.item(
                torch.where(m, ratio, new Scalar(Double.POSITIVE_INFINITY)).amin());
        double ratioMax = Tensors.item(
                torch.where(m, ratio, new Scalar(Double.NEGATIVE_INFINITY)).amax());
        double clipFraction = Tensors.item(surr2.lt(surr1).logical_and(m).sum()) / n;
        double preClipFraction = 0.0;
        if (config.preClip()) {
            Tensor outside = rawLogRatio
                    .lt(new Scalar(config.logRatioMin()))
                    .logical_or(rawLogRatio.gt(new Scalar(config.logRatioMax())));
            preClipFraction = Tensors.item(outside.logical_and(m).sum()) / n;
        }
        Tensor k3 = ratio.sub(new Scalar(1.0)).sub(ratio.log());
        double approxKl = Tensors.item(Masks.zeroOutside(k3, m).sum()) / n;
        double meanEntropy = entropy == null
                ? Double.NaN
                : Tensors.item(Masks.zeroOutside(entropy.detach(), m).sum()) / n;
        return new Diagnostics(ratioMin, ratioMax, clipFraction, preClipFraction, approxKl, meanEntropy, n);
    }
}
