package dev.verdict.train.algo;

import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * GRPO's group baseline: the batch holds G prompts × n samples, contiguous ({@code rewards[g·n + j]} is sample j
 * of prompt g), and each sample's advantage is its reward relative to its own group:
 *
 * <pre>
 *   A_i = (R_i − mean_g) / (std_g + ε)      (or A_i = R_i − mean_g when scaleByStd is off, as in Dr. GRPO)
 * </pre>
 *
 * {@code std_g} is the <b>sample</b> standard deviation (divisor n_g − 1) by default, as {@code torch.std} in
 * the GRPO implementations of TRL and OpenRLHF; {@link Std#POPULATION} divides by n_g. Only valid samples
 * (not excluded by the reward scorer) enter mean_g and std_g; an invalid sample gets A = 0, and so does every
 * sample of a group with too few valid samples for a standard deviation (none, or one with the sample std).
 * The same A_i applies to every action token of sequence i ({@link #toTokens}).
 */
public final class GroupBaseline {
    /** Which standard deviation normalises a group. */
    public enum Std {
        /** Divisor n − 1 (Bessel), torch's default. */
        SAMPLE,
        /** Divisor n. */
        POPULATION
    }

    /**
     * Settings.
     *
     * @param std which standard deviation
     * @param scaleByStd divide by std + ε (off: only subtract the group mean)
     * @param eps ε added to std
     */
    public record Config(Std std, boolean scaleByStd, double eps) {
        /** Sample std, scaled, ε = 1e-6. */
        public static final Config DEFAULT = new Config(Std.SAMPLE, true, 1e-6);

        public Config {
            Objects.requireNonNull(std, "std");
            if (!(eps >= 0)) {
                throw new IllegalArgumentException("eps must be >= 0, got " + eps);
            }
        }
    }

    private GroupBaseline() {}

    /**
     * Per-sample advantages.
     *
     * @param rewards [B] scalar rewards, B = G · groupSize, groups contiguous
     * @param valid [B] bool or float, 1 = reward usable; null = all valid
     * @param groupSize n ≥ 1
     * @param config std choice and ε
     * @return [B] advantages (rewards' dtype), 0 for invalid samples and degenerate groups
     */
    public static Tensor advantages(Tensor rewards, Tensor valid, int groupSize, Config config) {
        long b = rewards.numel();
        Masks.checkVector("rewards", rewards, b);
        if (groupSize < 1 || b % groupSize != 0) {
            throw new IllegalArgumentException("batch of " + b + " is not a whole number of groups of " + groupSize);
        }
        if (valid != null) {
            Masks.checkVector("valid", valid, b);
        }
        long g = b / groupSize;
        Tensor v = (valid == null ? torch.ones_like(rewards) : valid)
                .ne(new Scalar(0))
                .to(torch.ScalarType.Double)
                .view(g, groupSize);
        Tensor r = torch.where(
                v.ne(new Scalar(0)), rewards.to(torch.ScalarType.Double).view(g, groupSize), new Scalar(0.0));
        Tensor n = v.sum(new long[] {1}, true, new ScalarTypeOptional());
        Tensor mean = r.sum(new long[] {1}, true, new ScalarTypeOptional()).div(n.clamp_min(new Scalar(1)));
        Tensor dev = r.sub(mean).mul(v);
        Tensor a = dev;
        double minCount = 1;
        if (config.scaleByStd()) {
            double offset = config.std() == Std.SAMPLE ? 1 : 0;
            minCount = config.std() == Std.SAMPLE ? 2 : 1;
            Tensor var = dev.square()
                    .sum(new long[] {1}, true, new ScalarTypeOptional())
                    .div(n.sub(new Scalar(offset)).clamp_min(new Scalar(1)));
            a = dev.div(var.sqrt().add(new Scalar(config.eps())));
        }
        Tensor usable = n.ge(new Scalar(minCount)).logical_and(v.ne(new Scalar(0)));
        return torch.where(usable, a, new Scalar(0.0)).view(b).to(rewards.scalar_type());
    }

    /**
     * Broadcasts per-sequence advantages to the action tokens.
     *
     * @param perSequence [B]
     * @param mask [B, T] action mask
     * @return [B, T] A_t = A_i on action tokens, 0 elsewhere
     */
    public static Tensor toTokens(Tensor perSequence, Tensor mask) {
        Masks.checkVector("perSequence", perSequence, mask.size(0));
        return Masks.zeroOutside(perSequence.unsqueeze(1).expand_as(mask.to(perSequence.scalar_type())), mask);
    }
}
