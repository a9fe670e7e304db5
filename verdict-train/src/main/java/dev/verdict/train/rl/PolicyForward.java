package dev.verdict.train.rl;

import dev.verdict.generate.Scorer;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.algo.TokenLogProbs;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Log-probabilities of rollout actions under a model, with the images: the prompt + action rows are left-padded,
 * so every row's actions end in the last column, and the result is {@code [B, T]} with row i's actions in its
 * last {@code len_i} columns ({@link #mask}). Only the last T positions go through the LM head. The logits are
 * divided by the rollout temperature first, so the log-probs are those of the policy that sampled the actions
 * (softmax(z / T)), as OpenRLHF and verl score them; at T = 1 nothing changes.
 */
public final class PolicyForward {
    private PolicyForward() {}

    /**
     * The forward pass's outputs.
     *
     * @param logProbs [B, T] float32 log π_T(a_t), 0 where the mask is false
     * @param entropy [B, T] float32 entropy of π_T at each action position, or null when not asked
     */
    public record Result(Tensor logProbs, Tensor entropy) {}

    /**
     * Runs the model (differentiable unless called under inference mode).
     *
     * @param t columns of the result; at least the longest action among {@code items}
     * @param temperature the temperature the actions were sampled at (> 0)
     */
    public static Result run(QwenVL model, List<Scorer.Item> items, int t, double temperature, boolean withEntropy) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        Scorer.Batch batch = Scorer.batch(items);
        int longest =
                items.stream().mapToInt(i -> i.continuation().length).max().orElseThrow();
        if (longest > t) {
            throw new IllegalArgumentException("an action has " + longest + " tokens, more than T = " + t);
        }
        Tensor hidden = model.hidden(batch.input()); // [B, S, H]
        long s = hidden.size(1);
        Tensor h = hidden.narrow(1, s - 1 - longest, longest); // positions that predict the last `longest` tokens
        Tensor logits = model.logits(h).to(torch.ScalarType.Float); // [B, L, V]
        if (temperature != 1.0) {
            logits = logits.div(Tensors.scalar(temperature));
        }
        Tensor targets = Tensors.ofLongs(lastColumns(batch.input().ids(), longest), items.size(), longest);
        Tensor lp = TokenLogProbs.of(logits, targets); // [B, L]
        Tensor ent = withEntropy ? TokenLogProbs.entropy(logits) : null;
        Tensor m = mask(items.stream().mapToInt(i -> i.continuation().length).toArray(), longest);
        lp = torch.where(m, lp, Tensors.scalar(0.0));
        if (ent != null) {
            ent = torch.where(m, ent, Tensors.scalar(0.0));
        }
        return new Result(padLeft(lp, t), ent == null ? null : padLeft(ent, t));
    }

    /**
     * The log-probs of {@link #run} without a graph, computed {@code microBatch} rows at a time (0 = all at once) and
     * stacked: the same [B, T] result with the peak memory of one micro-batch.
     */
    public static Tensor logProbs(QwenVL model, List<Scorer.Item> items, int t, double temperature, int microBatch) {
        int step = microBatch <= 0 ? items.size() : microBatch;
        List<Tensor> parts = new ArrayList<>();
        try (NoGradGuard g = new NoGradGuard()) {
            for (int from = 0; from < items.size(); from += step) {
                List<Scorer.Item> chunk = items.subList(from, Math.min(items.size(), from + step));
                parts.add(run(model, chunk, t, temperature, false).logProbs());
            }
        }
        return parts.size() == 1 ? parts.getFirst() : Tensors.cat(0, parts);
    }

    /**
     * The action mask for right-aligned actions.
     *
     * @param lengths [B] action lengths
     * @return [B, T] bool, true in row i's last lengths[i] columns
     */
    public static Tensor mask(int[] lengths, int t) {
        boolean[] m = new boolean[lengths.length * t];
        for (int i = 0; i < lengths.length; i++) {
            for (int c = t - lengths[i]; c < t; c++) {
                m[i * t + c] = true;
            }
        }
        return Tensors.ofBools(m, lengths.length, t);
    }

    /**
     * Per-row values right-aligned like the actions.
     *
     * @param rows [B] row i holds len_i values
     * @return [B, T] float32, row i's values in its last len_i columns, 0 before them
     */
    public static Tensor rightAligned(List<float[]> rows, int t) {
        float[] out = new float[rows.size() * t];
        for (int i = 0; i < rows.size(); i++) {
            float[] r = rows.get(i);
            System.arraycopy(r, 0, out, i * t + t - r.length, r.length);
        }
        return Tensors.of(out, rows.size(), t);
    }

    private static long[] lastColumns(long[][] ids, int cols) {
        int s = ids[0].length;
        long[] out = new long[ids.length * cols];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], s - cols, out, b * cols, cols);
        }
        return out;
    }

    private static Tensor padLeft(Tensor x, int t) { // [B, L] -> [B, t]
        long l = x.size(1);
        if (l == t) {
            return x;
        }
        Tensor zeros = torch.zeros_like(x.narrow(1, 0, 1)).expand(x.size(0), t - l);
        return Tensors.cat(1, zeros, x);
    }
}
