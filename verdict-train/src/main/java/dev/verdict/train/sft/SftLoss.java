package dev.verdict.train.sft;

import dev.verdict.model.QwenVL;
import dev.verdict.train.algo.TokenLogProbs;
import org.bytedeco.pytorch.Tensor;

/**
 * Cross-entropy of the assistant tokens only: the negative log-likelihood of every trained next token,
 * averaged over the trained tokens of the batch (each token weighs the same, whatever its sequence).
 */
public final class SftLoss {
    private SftLoss() {}

    /** A differentiable scalar loss: the mean over the batch's trained tokens. */
    public static Tensor compute(QwenVL model, SftBatch batch) {
        return sum(model, batch).div(batch.lossMaskTensor().sum());
    }

    /**
     * The summed negative log-likelihood of the batch's trained tokens (differentiable scalar), for losses that
     * are normalised by a token count across micro-batches or ranks.
     */
    public static Tensor sum(QwenVL model, SftBatch batch) {
        Tensor hidden = model.hidden(batch.input());
        long s = hidden.size(1);
        Tensor logits = model.logits(hidden.narrow(1, 0, s - 1)); // [B, S-1, V]
        Tensor logp = TokenLogProbs.of(logits, batch.targets()); // [B, S-1]
        Tensor mask = batch.lossMaskTensor(); // [B, S-1]
        return logp.mul(mask).sum().neg();
    }
}
