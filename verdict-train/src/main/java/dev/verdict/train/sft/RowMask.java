package dev.verdict.train.sft;

import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Which rows of the token embedding (and of an untied LM head) a run may change: before each optimizer step the
 * gradients of the other rows are zeroed, and after it their values are put back, so they stay bit for bit as they
 * were (AdamW's decoupled weight decay would otherwise shrink them a little every step).
 */
final class RowMask {
    static final RowMask ALL = new RowMask(null, Map.of());
    private static final List<String> TOKEN_ROWS = List.of("model.embed_tokens.weight", "lm_head.weight");

    private final Tensor mask; // [V, 1] 1 for a trainable row, 0 for a frozen one
    private final Map<String, Tensor> frozen; // name -> [V, D] the frozen rows' values, zeros in trainable rows

    private RowMask(Tensor mask, Map<String, Tensor> frozen) {
        this.mask = mask;
        this.frozen = frozen;
    }

    /** The rows of {@code pre.tokens()}, or every row when there is no such list. */
    static RowMask of(QwenVL model, SftTrainer.Pretraining pre) {
        if (pre == null || pre.tokens() == null) {
            return ALL;
        }
        int rows = (int) model.parameters().get(TOKEN_ROWS.getFirst()).size(0);
        float[] m = new float[rows];
        for (long id : pre.tokens()) {
            if (id >= 0 && id < rows) {
                m[(int) id] = 1f;
            }
        }
        Tensor mask = Tensors.of(m, rows, 1);
        Tensor keep = mask.neg().add(new Scalar(1)); // [V, 1]
        Map<String, Tensor> frozen = new LinkedHashMap<>();
        try (NoGradGuard g = new NoGradGuard()) {
            for (String name : TOKEN_ROWS) {
                Tensor p = model.parameters().get(name);
                if (p != null) {
                    frozen.put(name, p.mul(keep).clone());
                }
            }
        }
        return new RowMask(mask, frozen);
    }

    /** Zeroes the gradient rows that must not change. */
    void apply(QwenVL model) {
        if (mask == null) {
            return;
        }
        for (String name : TOKEN_ROWS) {
            Tensor p = model.parameters().get(name);
            if (p != null && p.grad().defined()) {
                p.grad().mul_(mask);
            }
        }
    }

    /** Puts the frozen rows back to their values (after an optimizer step). */
    void restore(QwenVL model) {
        if (mask == null) {
            return;
        }
        try (NoGradGuard g = new NoGradGuard()) {
            frozen.forEach(
                    (name, values) -> model.parameters().get(name).mul_(mask).add_(values));
        }
    }
}
