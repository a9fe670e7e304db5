package dev.verdict.train.sft;

import dev.verdict.model.QwenVL;
import dev.verdict.train.algo.TokenLogProbs;
import org.bytedeco.pytorch.Tensor;

/**
 * Cross-entropy of the assistant tokens only: the negative log-likelihood of every trained next token,
 * averaged over the trained tokens of the batch (each token weighs the same, whatever its sequence); with a
 * {@link CellProbe}, also the dense classification loss of pretraining on the merged image features (the vision
 * tower's output as it enters the decoder).
 */
public final class SftLoss {
    private SftLoss() {}

    /**
     * The summed losses of one micro-batch.
     *
     * @param tokens summed NLL of the trained next tokens (differentiable scalar)
     * @param marked summed NLL of the marked tokens ({@link SftBatch#markMask}; differentiable scalar), or null when
     *     the batch marks none
     * @param probe the probe's losses, or null without a probe
     */
    public record Sums(Tensor tokens, Tensor marked, CellProbe.Losses probe) {
        /** The summed cell cross-entropy, or null without a probe. */
        public Tensor cells() {
            return probe == null ? null : probe.cells();
        }
    }

    /** A differentiable scalar loss: the mean over the batch's trained tokens. */
    public static Tensor compute(QwenVL model, SftBatch batch) {
        return sum(model, batch).div(batch.lossMaskTensor().sum());
    }

    /**
     * The summed negative log-likelihood of the batch's trained tokens (differentiable scalar), for losses that
     * are normalised by a token count across micro-batches or ranks.
     */
    public static Tensor sum(QwenVL model, SftBatch batch) {
        return sums(model, batch, null).tokens();
    }

    /**
     * The logits at every position but the last, each predicting the next token ({@link SftBatch#targets()}).
     *
     * @param embeds [B, S, D] the batch's input embeddings with the image features spliced in
     * @return [B, S-1, V]
     */
    public static Tensor nextTokenLogits(QwenVL model, SftBatch batch, Tensor embeds) {
        Tensor hidden = model.hidden(batch.input(), embeds); // [B, S, D]
        return model.logits(hidden.narrow(1, 0, hidden.size(1) - 1));
    }

    /**
     * The token loss, the marked tokens' loss when the batch marks some, and, when {@code probe} is set and the batch
     * carries cell labels, the cell loss: all from one forward pass.
     */
    public static Sums sums(QwenVL model, SftBatch batch, CellProbe probe) {
        boolean dense = probe != null && batch.cells() != null;
        Tensor embeds = model.embed(batch.input()); // [B, S, D], image features spliced in
        Tensor logits = nextTokenLogits(model, batch, embeds); // [B, S-1, V]
        Tensor logp = TokenLogProbs.of(logits, batch.targets()); // [B, S-1]
        Tensor mask = batch.lossMaskTensor(); // [B, S-1]
        Tensor tokens = logp.mul(mask).sum().neg();
        Tensor marks = batch.markMaskTensor(); // [B, S-1] or null
        Tensor marked = marks == null ? null : logp.mul(marks).sum().neg();
        if (!dense) {
            return new Sums(tokens, marked, null);
        }
        return new Sums(
                tokens,
                marked,
                probe.loss(embeds, batch.input().ids(), model.config().imageTokenId(), batch.cells()));
    }
}
