package dev.verdict.train.algo;

import dev.verdict.tensor.Tensors;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * StableReinforce's advantage filter ({@code spec/r1-reward.md} §2.3), applied to whitened advantages {@code z}
 * (from {@link Whitening}); filtered tokens are set to 0, not dropped, so they stay in the loss denominators.
 *
 * <ul>
 *   <li>{@link Mode#PAPER} (default): {@code z_t := 0 if |z_t| > k} (k = 3): the paper's 3-sigma rule.
 *   <li>{@link Mode#REFERENCE}: the released code, quirk included: {@code z'_t = z_t + 1e-8}, then {@code z'_t
 *       := 0 if z'_t < μ − k or z'_t > μ + k}, where μ is the <em>raw</em> (un-whitened) mean the whitening
 *       used: the window is centred on μ, not on 0 (with rewards in [0, 2] it is e.g. [−2, 4]).
 *   <li>{@link Mode#OFF}: no window (the "w/o advantage filter" ablation).
 * </ul>
 *
 * The guard (the reference code's last step, on by default in every mode): {@code z_t := 0} where it is NaN,
 * ±Inf or {@code |z_t| > 10}. Departure from the reference: the guard is a separate switch, and its hits are
 * counted apart from the window's so a caller can log non-finite advantages (in the reference they vanish
 * silently). Positions outside the mask are 0 in the output and never counted.
 */
public final class AdvantageFilter {
    /** Which window to apply. */
    public enum Mode {
        PAPER,
        REFERENCE,
        OFF
    }

    /**
     * Filter settings.
     *
     * @param mode which window
     * @param threshold k, the half-width of the window in standard deviations (3)
     * @param guard zero NaN / ±Inf / |z| > guardLimit
     * @param guardLimit the guard's bound (10 in the reference)
     */
    public record Config(Mode mode, double threshold, boolean guard, double guardLimit) {
        /** The paper's filter: |z| > 3 → 0, with the NaN / |z| > 10 guard. */
        public static final Config PAPER = new Config(Mode.PAPER, 3.0, true, 10.0);
        /** The released code's filter (window centred on the raw mean) with its guard. */
        public static final Config REFERENCE = new Config(Mode.REFERENCE, 3.0, true, 10.0);
        /** No filtering at all (Reinforce++). */
        public static final Config NONE = new Config(Mode.OFF, 3.0, false, 10.0);

        public Config {
            Objects.requireNonNull(mode, "mode");
            if (!(threshold > 0) || !(guardLimit > 0)) {
                throw new IllegalArgumentException("threshold and guardLimit must be > 0");
            }
        }
    }

    /**
     * The filtered advantages and what the filter did.
     *
     * @param advantages [B, T] filtered advantages, 0 outside the mask
     * @param windowed action tokens zeroed by the window
     * @param guarded action tokens zeroed by the guard only (non-finite or beyond the guard limit)
     * @param actionTokens action tokens seen
     */
    public record Result(Tensor advantages, long windowed, long guarded, long actionTokens) {
        /** (windowed + guarded) / actionTokens, 0 when there are no action tokens. */
        public double filteredFraction() {
            return actionTokens == 0 ? 0.0 : (double) (windowed + guarded) / actionTokens;
        }
    }

    /** The offset the reference code adds after whitening. */
    static final double REFERENCE_OFFSET = 1e-8;

    private AdvantageFilter() {}

    /**
     * Applies the filter.
     *
     * @param whitened [B, T] whitened advantages z
     * @param mask [B, T] action mask
     * @param rawMean μ of the raw advantages (used by {@link Mode#REFERENCE} only; {@link WhiteningStats#mean()})
     * @param config the filter
     */
    public static Result apply(Tensor whitened, Tensor mask, double rawMean, Config config) {
        Masks.checkSameShape("whitened", whitened, mask);
        Tensor m = Masks.asBool(mask);
        Tensor z = config.mode() == Mode.REFERENCE ? whitened.add(new Scalar(REFERENCE_OFFSET)) : whitened;
        Tensor window = switch (config.mode()) {
            case PAPER -> z.abs().gt(new Scalar(config.threshold()));
            case REFERENCE ->
                z.lt(new Scalar(rawMean - config.threshold()))
                        .logical_or(z.gt(new Scalar(rawMean + config.threshold())));
            case OFF -> torch.zeros_like(m);
        };
        window = window.logical_and(m);
        Tensor guard = torch.zeros_like(m);
        if (config.guard()) {
            guard = z.isfinite()
                    .logical_not()
                    .logical_or(z.abs().gt(new Scalar(config.guardLimit())))
                    .logical_and(m)
                    .logical_and(window.logical_not());
        }
        Tensor drop = window.logical_or(guard).logical_or(m.logical_not());
        Tensor out = torch.where(drop, new Scalar(0.0), z);
        long windowed = (long) Tensors.item(window.sum());
        long guarded = (long) Tensors.item(guard.sum());
        return new Result(out, windowed, guarded, Masks.count(m));
    }
}
