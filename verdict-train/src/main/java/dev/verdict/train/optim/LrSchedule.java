package dev.verdict.train.optim;

/**
 * Linear warmup to the peak learning rate, then cosine decay to a floor:
 *
 * <pre>
 * lr(s) = peak * (s + 1) / warmup                                         for s < warmup
 * lr(s) = min + (peak - min) * (1 + cos(pi * (s - warmup) / (total - warmup))) / 2   otherwise
 * </pre>
 *
 * Steps count from 0; at the last step (total - 1) the rate is close to {@code min}, and past {@code total} it
 * stays at {@code min}.
 */
public record LrSchedule(double peak, double min, int warmupSteps, int totalSteps) {
    public LrSchedule {
        if (!(peak > 0) || min < 0 || min > peak) {
            throw new IllegalArgumentException(
                    "need 0 <= min lr <= peak lr and peak > 0, got peak " + peak + ", min " + min);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "need 0 <= warmup <= total and total >= 1, got warmup " + warmupSteps + ", total " + totalSteps);
        }
    }

    /** The learning rate for optimizer step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps || totalSteps == warmupSteps) {
            return min;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
