package dev.verdict.train.sft;

import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Which rows of the token embedding (and of an untied LM head) a run may change: before each optimizer step the
 * gradients of the other rows are zeroed, so AdamW leaves them where they are (up to the tiny decoupled weight
 * decay).
 */
final class RowMask {
    static final RowMask ALL = new RowMask(null);
    private static final List<String> TOKEN_ROWS = List.of("model.embed_tokens.weight", "lm_head.weight");

    private final Tensor mask; // [V, 1] 1 for a trainable row, 0 for a frozen one

    private RowMask(Tensor mask) {
        this.mask = mask;
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
        return new RowMask(Tensors.of(m, rows, 1));
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
}
