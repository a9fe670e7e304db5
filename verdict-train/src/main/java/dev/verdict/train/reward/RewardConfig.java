package dev.verdict.train.reward;

import dev.verdict.config.With;
import java.util.Objects;

/**
 * Weights and switches of the R1-Reward reward {@code R = result × (1 + w_c × consistency) + w_f × format}.
 *
 * @param consistencyWeight w_c (paper 0.5); 0 turns the consistency reward off and no judge is called (the
 *     "w/o consistency" ablation)
 * @param formatWeight w_f (paper 0.5)
 * @param scale the consistency value set ({@link Consistency.Scale#SIGNED} by default)
 * @param judgeIncorrect also call the consistency judge when result = 0 (the reference does; the reward does not
 *     change because consistency is gated by result, so the default false saves the calls and logs the
 *     consistency of those samples as not judged)
 */
public record RewardConfig(
        double consistencyWeight, double formatWeight, Consistency.Scale scale, boolean judgeIncorrect)
        implements With<RewardConfig> {
    /** The paper's reward: w_c = 0.5, w_f = 0.5, consistency in {+1, −1, 0}, judge only correct answers. */
    public static final RewardConfig DEFAULT = new RewardConfig(0.5, 0.5, Consistency.Scale.SIGNED, false);

    public RewardConfig {
        Objects.requireNonNull(scale, "scale");
        if (!Double.isFinite(consistencyWeight) || !Double.isFinite(formatWeight)) {
            throw new IllegalArgumentException("reward weights must be finite");
        }
    }

    /** Whether the consistency judge is needed at all. */
    public boolean usesConsistency() {
        return consistencyWeight != 0.0;
    }
}
