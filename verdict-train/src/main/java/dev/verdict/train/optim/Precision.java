package dev.verdict.train.optim;

import dev.verdict.tensor.DType;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a run keeps its numbers ({@code train.dtype}): {@code f32}; {@code bf16}, mixed precision: bf16 weights and
 * activations for compute, fp32 master weights and fp32 AdamW moments, gradients reduced in fp32; {@code bf16-pure}:
 * weights, gradients and moments all in bf16, where updates smaller than about half a bf16 step of the weight (6e-5
 * at a weight of 0.02) round away, as most do at learning rates of 1e-5 and below.
 */
public enum Precision {
    F32("f32", DType.F32, false),
    BF16("bf16", DType.BF16, true),
    BF16_PURE("bf16-pure", DType.BF16, false);

    private final String key;
    private final DType modelDtype;
    private final boolean masterWeights;

    Precision(String key, DType modelDtype, boolean masterWeights) {
        this.key = key;
        this.modelDtype = modelDtype;
        this.masterWeights = masterWeights;
    }

    /** Parses a {@code train.dtype} value. */
    public static Precision parse(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.key.equals(k))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("train.dtype must be f32, bf16 or bf16-pure, got " + key));
    }

    /** Whether {@code key} names a precision. */
    public static boolean isKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).anyMatch(p -> p.key.equals(k));
    }

    /** The dtype the model is loaded in. */
    public DType modelDtype() {
        return modelDtype;
    }

    /** Whether the optimizer keeps fp32 master weights and moments. */
    public boolean masterWeights() {
        return masterWeights;
    }

    /** A warning for a precision that loses small updates, else null. */
    public String warning() {
        return this == BF16_PURE
                ? "train.dtype bf16-pure keeps weights and AdamW moments in bf16: an update smaller than half a bf16"
                        + " step of its weight (6e-5 at a weight of 0.02) rounds away, as most updates do at learning"
                        + " rates of 1e-5 and below; train.dtype bf16 keeps fp32 master weights"
                : null;
    }
}
