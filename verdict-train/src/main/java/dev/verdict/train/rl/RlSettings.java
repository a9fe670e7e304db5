package dev.verdict.train.rl;

import dev.verdict.train.algo.AdvantageFilter;
import dev.verdict.train.algo.Advantages;
import dev.verdict.train.algo.GroupBaseline;
import dev.verdict.train.algo.KlEstimator;
import dev.verdict.train.algo.LossAggregation;
import dev.verdict.train.algo.PolicyLoss;
import dev.verdict.train.algo.Whitening;
import dev.verdict.train.reward.Consistency;
import dev.verdict.train.reward.ConsistencyJudge;
import dev.verdict.train.reward.OpenAiConsistencyJudge;
import dev.verdict.train.reward.RewardConfig;
import dev.verdict.train.reward.WorldConsistencyChecker;

/** Turns the YAML-facing {@link RlConfig} into the algorithm and reward settings of {@code algo} and {@code reward}. */
public final class RlSettings {
    private RlSettings() {}

    /** The advantage settings. */
    public static Advantages.Config advantages(RlConfig cfg) {
        RlConfig.Algo a = cfg.algo();
        AdvantageFilter.Config filter = switch (a.filter()) {
            case PAPER -> new AdvantageFilter.Config(AdvantageFilter.Mode.PAPER, a.filterSigma(), true, 10.0);
            case REFERENCE -> new AdvantageFilter.Config(AdvantageFilter.Mode.REFERENCE, a.filterSigma(), true, 10.0);
            case NONE -> AdvantageFilter.Config.NONE;
        };
        boolean group = a.baseline() == RlConfig.Baseline.GROUP;
        return new Advantages.Config(
                group ? Advantages.Baseline.GROUP : Advantages.Baseline.NONE,
                group ? cfg.rollout().samplesPerPrompt() : 1,
                GroupBaseline.Config.DEFAULT,
                a.klEstimator() == RlConfig.Kl.K1 ? KlEstimator.K1 : KlEstimator.K3,
                a.klCoef(),
                a.gamma(),
                a.rewardClip(),
                a.whiten(),
                Whitening.DEFAULT_VAR_FLOOR,
                filter);
    }

    /** The policy-loss settings. */
    public static PolicyLoss.Config policyLoss(RlConfig cfg) {
        RlConfig.Algo a = cfg.algo();
        LossAggregation agg = switch (a.lossAggregation()) {
            case SEQ_MEAN_TOKEN_MEAN -> LossAggregation.SEQ_MEAN_TOKEN_MEAN;
            case SEQ_MEAN_TOKEN_SUM -> LossAggregation.SEQ_MEAN_TOKEN_SUM;
            case TOKEN_MEAN -> LossAggregation.TOKEN_MEAN;
        };
        return new PolicyLoss.Config(
                a.clipEps(), a.clipEps(), a.preClip(), a.logRatioMin(), a.logRatioMax(), agg, a.entropyCoef());
    }

    /** The reward weights. */
    public static RewardConfig reward(RlConfig cfg) {
        RlConfig.Reward r = cfg.reward();
        Consistency.Scale scale =
                r.scale() == RlConfig.Scale.SIGNED ? Consistency.Scale.SIGNED : Consistency.Scale.BINARY;
        return new RewardConfig(r.consistencyWeight(), r.formatWeight(), scale, r.judgeIncorrect());
    }

    /** The consistency judge, or null when consistency is off. */
    public static ConsistencyJudge judge(RlConfig cfg) {
        RlConfig.Reward r = cfg.reward();
        if (r.consistencyWeight() == 0 && !r.judgeIncorrect()) {
            return null;
        }
        return switch (r.consistency()) {
            case WORLD -> new WorldConsistencyChecker();
            case NONE -> null;
            case OPENAI -> {
                yield OpenAiConsistencyJudge.builder()
                        .baseUrl(r.judgeUrl())
                        .model(r.judgeModel())
                        .apiKeyEnv(r.judgeApiKeyEnv())
                        .build();
            }
        };
    }
}
