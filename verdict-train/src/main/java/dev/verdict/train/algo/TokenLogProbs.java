package dev.verdict.train.algo;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Per-token quantities from next-token logits, computed in float32 (or wider) whatever the logits' dtype:
 *
 * <pre>
 *   log π(a_t|s_t) = z_t[a_t] − logsumexp(z_t)
 *   H_t            = logsumexp(z_t) − Σ_v softmax(z_t)_v · z_t[v]
 * </pre>
 *
 * The caller aligns logits and targets (logits of position t predict the token at t + 1): pass the logits of the
 * positions that predict the response tokens and those tokens.
 */
public final class TokenLogProbs {
    private TokenLogProbs() {}

    /**
     * Log-probabilities of the given tokens.
     *
     * @param logits [B, T, V]
     * @param targets [B, T] int64 token ids
     * @return [B, T] log π(target), float32 (float64 for float64 logits), differentiable in the logits
     */
    public static Tensor of(Tensor logits, Tensor targets) {
        check(logits, targets);
        Tensor logSoftmax = wide(logits).log_softmax(-1);
        return logSoftmax
                .gather(-1, targets.to(torch.ScalarType.Long).unsqueeze(-1))
                .squeeze(-1);
    }

    /**
     * Entropy of each next-token distribution.
     *
     * @param logits [B, T, V]
     * @return [B, T] H_t in nats
     */
    public static Tensor entropy(Tensor logits) {
        Tensor z = wide(logits);
        Tensor lse = z.logsumexp(new long[] {-1}, false);
        Tensor expected = z.softmax(-1).mul(z).sum(new long[] {-1}, false, new ScalarTypeOptional());
        return lse.sub(expected);
    }

    private static Tensor wide(Tensor logits) {
        return Tensors.dtype(logits) == DType.F64 ? logits : logits.to(torch.ScalarType.Float);
    }

    private static void check(Tensor logits, Tensor targets) {
        long[] l = Tensors.shape(logits);
        long[] t = Tensors.shape(targets);
        if (l.length != 3 || t.length != 2 || l[0] != t[0] || l[1] != t[1]) {
            throw new IllegalArgumentException("need logits [B, T, V] and targets [B, T], got " + Arrays.toString(l)
                    + " and " + Arrays.toString(t));
        }
    }
}
