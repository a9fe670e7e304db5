package dev.verdict.train.algo;

import dev.verdict.config.With;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The whole advantage computation of one rollout batch, composed from the pieces in this package in the order
 * OpenRLHF (and so R1-Reward) runs them:
 *
 * <pre>
 *   R'     = R                                       (Baseline.NONE: Reinforce++ / StableReinforce)
 *          = GroupBaseline(R)                        (Baseline.GROUP: GRPO, groups of n contiguous samples)
 *   kl_t   = KlEstimator(log π_old, log π_ref)       (0 when no reference log-probs are given)
 *   r_t    = TokenRewards(kl, R', β, clip)
 *   G_t    = Returns(r, γ)
 *   z_t    = Whitening(G, global stats)              (if whiten; the stats pass through the reducer)
 *   Â_t    = AdvantageFilter(z, μ, filter)           (StableReinforce; Config.NONE for Reinforce++)
 * </pre>
 *
 * <b>Excluded samples</b> ({@code valid[i] = false}, e.g. a failed consistency judge) are removed first: their
 * mask row is zeroed, their reward (possibly NaN) is replaced by 0, so they add nothing to the statistics and get
 * Â = 0. <b>Data parallelism</b>: {@code reducer} receives this rank's {@link WhiteningStats} and must return
 * the global ones (an all-reduce SUM of {@link WhiteningStats#toArray()}); {@link StatsReducer#LOCAL} for one
 * process. Every StableReinforce piece can be switched off through {@link Config} for ablations.
 */
public final class Advantages {
    /** The scalar-reward baseline. */
    public enum Baseline {
        /** No baseline: A = G (Reinforce++, StableReinforce). */
        NONE,
        /** GRPO's group baseline over contiguous groups of {@code groupSize}. */
        GROUP
    }

    /** Turns this rank's whitening statistics into the global ones. */
    @FunctionalInterface
    public interface StatsReducer {
        /** A single process: the local statistics are the global ones. */
        StatsReducer LOCAL = local -> local;

        WhiteningStats reduce(WhiteningStats local);
    }

    /**
     * Settings.
     *
     * @param baseline scalar-reward baseline
     * @param groupSize samples per prompt (GROUP only; 1 otherwise)
     * @param group GRPO std choice and ε
     * @param kl KL estimator for the reward penalty
     * @param klCoef β (paper 0, reference script 1e-3)
     * @param gamma γ (1)
     * @param rewardClip clip of R' (10; +Inf for none)
     * @param whiten global token whitening (Reinforce++: on; GRPO: off)
     * @param varFloor lower bound on σ² in whitening (1e-8)
     * @param filter the StableReinforce advantage filter
     */
    public record Config(
            Baseline baseline,
            int groupSize,
            GroupBaseline.Config group,
            KlEstimator kl,
            double klCoef,
            double gamma,
            double rewardClip,
            boolean whiten,
            double varFloor,
            AdvantageFilter.Config filter)
            implements With<Config> {
        /** StableReinforce as the paper states it: β = 0, γ = 1, whitening, the |z| > 3 filter. */
        public static final Config STABLE_REINFORCE = new Config(
                Baseline.NONE,
                1,
                GroupBaseline.Config.DEFAULT,
                KlEstimator.K1,
                0.0,
                1.0,
                TokenRewards.DEFAULT_REWARD_CLIP,
                true,
                Whitening.DEFAULT_VAR_FLOOR,
                AdvantageFilter.Config.PAPER);
        /** Reinforce++ (the collapsing baseline): as above without the filter. */
        public static final Config REINFORCE_PP = STABLE_REINFORCE.with("filter", AdvantageFilter.Config.NONE);

        public Config {
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(kl, "kl");
            Objects.requireNonNull(filter, "filter");
            if (groupSize < 1 || (baseline == Baseline.NONE && groupSize != 1)) {
                throw new IllegalArgumentException("groupSize must be 1 without a group baseline, >= 1 with it");
            }
        }

        /** GRPO: group baseline over n samples, no whitening, no filter. */
        public static Config grpo(int n) {
            return new Config(
                    Baseline.GROUP,
                    n,
                    GroupBaseline.Config.DEFAULT,
                    KlEstimator.K1,
                    0.0,
                    1.0,
                    TokenRewards.DEFAULT_REWARD_CLIP,
                    false,
                    Whitening.DEFAULT_VAR_FLOOR,
                    AdvantageFilter.Config.NONE);
        }
    }

    /**
     * The advantages and the intermediate values worth logging.
     *
     * @param advantages [B, T] Â_t for the policy loss
     * @param returns [B, T] G_t
     * @param kl [B, T] per-token KL estimate (zeros without reference log-probs)
     * @param stats the global whitening statistics of G
     * @param filter what the filter did
     * @param mask [B, T] bool, the action mask with excluded rows zeroed: pass it to {@link PolicyLoss}
     */
    public record Result(
            Tensor advantages,
            Tensor returns,
            Tensor kl,
            WhiteningStats stats,
            AdvantageFilter.Result filter,
            Tensor mask) {}

    private Advantages() {}

    /**
     * Computes the advantages.
     *
     * @param finalRewards [B] scalar rewards R (NaN allowed for excluded samples)
     * @param oldLogProbs [B, T] log π_old of the sampled tokens
     * @param refLogProbs [B, T] log π_ref, or null (no KL penalty)
     * @param mask [B, T] action mask
     * @param valid [B] bool or float, false = excluded; null = all valid
     * @param config settings
     * @param reducer local → global whitening statistics
     * @throws IllegalStateException when no action token is left (every sample excluded): skip the step
     */
    public static Result compute(
            Tensor finalRewards,
            Tensor oldLogProbs,
            Tensor refLogProbs,
            Tensor mask,
            Tensor valid,
            Config config,
            StatsReducer reducer) {
        Masks.checkSameShape("oldLogProbs", oldLogProbs, mask);
        Masks.checkVector("finalRewards", finalRewards, mask.size(0));
        Tensor rowValid = valid == null ? torch.ones_like(finalRewards).ne(new Scalar(0)) : Masks.asBool(valid);
        Masks.checkVector("valid", rowValid, mask.size(0));
        Tensor m = Masks.asBool(mask).logical_and(rowValid.unsqueeze(1));
        Tensor r = torch.where(rowValid, finalRewards.to(oldLogProbs.scalar_type()), new Scalar(0.0));
        if (config.baseline() == Baseline.GROUP) {
            r = GroupBaseline.advantages(r, rowValid, config.groupSize(), config.group());
        }
        Tensor kl = refLogProbs == null
                ? torch.zeros_like(oldLogProbs)
                : config.kl().perToken(oldLogProbs.detach(), refLogProbs.detach(), m);
        Tensor tokenRewards = TokenRewards.compute(kl, r, m, config.klCoef(), config.rewardClip());
        Tensor returns = Returns.discounted(tokenRewards, m, config.gamma());
        WhiteningStats stats = reducer.reduce(WhiteningStats.of(returns, m));
        if (stats.count() == 0) {
            throw new IllegalStateException("no action tokens left in the batch (all samples excluded?)");
        }
        Tensor z = config.whiten() ? Whitening.whiten(returns, m, stats, config.varFloor()) : returns;
        AdvantageFilter.Result filtered = AdvantageFilter.apply(z, m, stats.mean(), config.filter());
        return new Result(filtered.advantages(), returns, kl, stats, filtered, m);
    }
}
