package dev.verdict.generate;

import dev.verdict.image.ImageGrid;
import dev.verdict.model.ModelInput;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Per-token log-probabilities of given continuations under the model, conditioned on the prompt and its
 * images: the scoring path of RL (old and reference log-probs) and of likelihood-based evaluation.
 */
public final class Scorer {
    private final QwenVL model;

    public Scorer(QwenVL model) {
        this.model = model;
    }

    /**
     * One prompt and the continuation to score.
     *
     * @param prompt [P] token ids (image slots expanded)
     * @param continuation [C] token ids to score
     * @param pixels [N, patchDim] or null
     */
    public record Item(long[] prompt, long[] continuation, Tensor pixels, List<ImageGrid> grids) {}

    /** A left-padded batch of prompt + continuation and where each continuation starts. */
    public record Batch(ModelInput input, int[] continuationStart, int[] continuationLength) {
        /**
         * @return [B, S-1] int64 targets: token t+1 for position t
         */
        public Tensor targets() {
            long[][] ids = input.ids();
            int s = ids[0].length;
            long[] flat = new long[ids.length * (s - 1)];
            for (int b = 0; b < ids.length; b++) {
                System.arraycopy(ids[b], 1, flat, b * (s - 1), s - 1);
            }
            return Tensors.ofLongs(flat, ids.length, s - 1);
        }
    }

    /** Packs items into one left-padded batch. */
    public static Batch batch(List<Item> items) {
        int b = items.size();
        int len = items.stream()
                .mapToInt(i -> i.prompt().length + i.continuation().length)
                .max()
                .orElseThrow();
        long[][] ids = new long[b][len];
        boolean[][] mask = new boolean[b][len];
        int[] start = new int[b];
        int[] count = new int[b];
        List<Tensor> pixels = new ArrayList<>();
        List<ImageGrid> grids = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            Item it = items.get(i);
            int n = it.prompt().length + it.continuation().length;
            int pad = len - n;
            System.arraycopy(it.prompt(), 0, ids[i], pad, it.prompt().length);
            System.arraycopy(it.continuation(), 0, ids[i], pad + it.prompt().length, it.continuation().length);
            Arrays.fill(mask[i], pad, len, true);
            start[i] = pad + it.prompt().length;
            count[i] = it.continuation().length;
            if (it.pixels() != null) {
                pixels.add(it.pixels());
                grids.addAll(it.grids());
            }
        }
        ModelInput in = new ModelInput(ids, mask, pixels.isEmpty() ? null : Tensors.cat(0, pixels), grids);
        return new Batch(in, start, count);
    }

    /**
     * Differentiable log-probabilities of each next token.
     *
     * @return [B, S-1]: entry t is log p(token t+1 | tokens <= t)
     */
    public Tensor tokenLogProbs(Batch batch) {
        Tensor hidden = model.hidden(batch.input());
        long s = hidden.size(1);
        Tensor logits = model.logits(hidden.narrow(1, 0, s - 1));
        Tensor logp = torch.log_softmax(logits.to(torch.ScalarType.Float), -1);
        return logp.gather(-1, batch.targets().unsqueeze(-1)).squeeze(-1);
    }

    /** Log-probabilities of each continuation token, per item (no gradient). */
    public List<float[]> score(List<Item> items) {
        try (InferenceMode mode = new InferenceMode();
                Scope s = Scope.open()) {
            Batch batch = batch(items);
            Tensor lp = tokenLogProbs(batch);
            int cols = (int) lp.size(1);
            float[] flat = Tensors.toFloats(lp);
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int from = i * cols + batch.continuationStart()[i] - 1;
                out.add(Arrays.copyOfRange(flat, from, from + batch.continuationLength()[i]));
            }
            return out;
        }
    }
}
