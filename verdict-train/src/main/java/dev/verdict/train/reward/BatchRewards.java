package dev.verdict.train.reward;

import dev.verdict.tensor.Tensors;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.bytedeco.pytorch.Tensor;

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

    /** The totals as a float32 tensor: [B], NaN for excluded samples (for {@code Advantages.compute}). */
    public Tensor totalsTensor() {
        double[] t = totals();
        float[] f = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            f[i] = (float) t[i];
        }
        return Tensors.of(f, f.length);
    }

    /** {@link #included()} as a bool tensor: [B] (the {@code valid} argument of {@code Advantages.compute}). */
    public Tensor includedTensor() {
        return Tensors.ofBools(included(), samples.size());
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

    private double mean(ToDoubleFunction<RewardBreakdown> f) {
        return samples.stream()
                .filter(s -> !s.excluded())
                .mapToDouble(f)
                .average()
                .orElse(Double.NaN);
    }
}
