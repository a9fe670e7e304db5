package dev.verdict.train.reward;

import java.util.List;

/**
 * The rewards of one rollout batch, in sample order, with the judge accounting.
 *
 * @param samples one breakdown per sample
 * @param judgeCalls samples for which the consistency judge was called
 * @param failures judge calls that failed (those samples are excluded)
 */
public record BatchRewards(List<RewardBreakdown> samples, int judgeCalls, int failures) {
    public BatchRewards {
        samples = List.copyOf(samples);
    }

    /** The totals R, NaN for excluded samples. */
    public double[] totals() {
        return samples.stream().mapToDouble(RewardBreakdown::total).toArray();
    }

    /** True for the samples that may enter the advantage computation. */
    public boolean[] included() {
        boolean[] out = new boolean[samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = !samples.get(i).excluded();
        }
        return out;
    }

    /** The number of excluded samples. */
    public int excludedCount() {
        return (int) samples.stream().filter(RewardBreakdown::excluded).count();
    }

    /** failures / judgeCalls (0 without calls). */
    public double failureRate() {
        return judgeCalls == 0 ? 0.0 : (double) failures / judgeCalls;
    }

    /** Mean total over included samples (NaN when none). */
    public double meanTotal() {
        return mean(RewardBreakdown::total);
    }

    /** Mean format reward over included samples. */
    public double meanFormat() {
        return mean(RewardBreakdown::format);
    }

    /** Mean result reward (accuracy) over included samples. */
    public double meanResult() {
        return mean(RewardBreakdown::result);
    }

    /** Mean consistency value over the judged samples (NaN when none was judged). */
    public double meanConsistency() {
        return samples.stream()
                .filter(RewardBreakdown::judged)
                .mapToDouble(RewardBreakdown::consistencyValue)
                .average()
                .orElse(Double.NaN);
    }

    private double mean(java.util.function.ToDoubleFunction<RewardBreakdown> f) {
        return samples.stream()
                .filter(s -> !s.excluded())
                .mapToDouble(f)
                .average()
                .orElse(Double.NaN);
    }
}
