package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.model.ModelInput;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import dev.verdict.train.algo.TokenLogProbs;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.dist.Collective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tiny decoder can learn to copy a word from earlier in its context, the in-context skill every judgment needs
 * (restating the question's object, quoting a response). Each sequence is {@code w SEP f1 .. fg SEP w} with a
 * random word {@code w}, random filler of random length {@code g}, and the loss on the final {@code w} only: it
 * cannot be predicted from the filler or from a fixed offset, only by attending back to the first {@code w}. A
 * broken attention mask, rotary embedding or gradient path keeps the loss at ln(words) = 4.8 nats.
 */
class CopyLearningTest {
    private static final int VOCAB = 256;
    private static final int SEP = 10;
    private static final int WORDS = 120; // ids 20 .. 139 are words to copy
    private static final int FILLER = 100; // ids 150 .. 249 fill the gap
    private static final int BATCH = 32;
    private static final int MAX_GAP = 30;

    @Test
    void aFreshTinyDecoderLearnsToCopyAWordAcrossAGapOfRandomLength() {
        int steps = 120;
        OptimConfig optim = new OptimConfig(2e-3, 2e-4, 20, 0.0, 0.9, 0.95, 1e-8, 1.0);
        SplittableRandom rnd = new SplittableRandom(0);
        double first = Double.NaN;
        double lastFive = 0;
        try (QwenVL model = QwenVL.random(Presets.get("tiny", VOCAB, SpecialTokens.WORD_LEVEL), 1);
                TrainOptimizer opt = new TrainOptimizer(trainable(model), optim, steps)) {
            for (int step = 0; step < steps; step++) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor loss = copyLoss(model, rnd);
                    loss.backward();
                    opt.step(step, Collective.LOCAL, "copy step " + step);
                    double v = loss.item_double();
                    if (step == 0) {
                        first = v;
                    }
                    if (step >= steps - 5) {
                        lastFive += v / 5;
                    }
                }
            }
        }
        assertTrue(first > 4.0, "an untrained model cannot copy: first loss " + first);
        assertTrue(lastFive < 0.3, "after " + steps + " steps the copy should be learned: loss " + lastFive);
    }

    private static List<Tensor> trainable(QwenVL model) {
        model.requiresGrad(true);
        return new ArrayList<>(model.parameters().values());
    }

    /** The mean negative log-likelihood of the copied word over one random batch (differentiable scalar). */
    private static Tensor copyLoss(QwenVL model, SplittableRandom rnd) {
        int len = 3 + MAX_GAP + 1;
        long[][] ids = new long[BATCH][len];
        boolean[][] valid = new boolean[BATCH][len];
        float[] trained = new float[BATCH * (len - 1)];
        for (int b = 0; b < BATCH; b++) {
            long word = 20 + rnd.nextInt(WORDS);
            int gap = MAX_GAP / 2 + rnd.nextInt(MAX_GAP / 2 + 1);
            int k = 0;
            ids[b][k++] = word;
            ids[b][k++] = SEP;
            for (int i = 0; i < gap; i++) {
                ids[b][k++] = 150 + rnd.nextInt(FILLER);
            }
            ids[b][k++] = SEP;
            trained[b * (len - 1) + k - 1] = 1; // the position of the second SEP predicts the word
            ids[b][k++] = word;
            Arrays.fill(valid[b], 0, k, true);
        }
        Tensor logits = model.logits(model.hidden(ModelInput.text(ids, valid)).narrow(1, 0, len - 1)); // [B, S-1, V]
        long[] next = new long[BATCH * (len - 1)];
        for (int b = 0; b < BATCH; b++) {
            for (int s = 0; s < len - 1; s++) {
                next[b * (len - 1) + s] = ids[b][s + 1];
            }
        }
        Tensor logp = TokenLogProbs.of(logits, Tensors.ofLongs(next, BATCH, len - 1)); // [B, S-1]
        Tensor mask = Tensors.of(trained, BATCH, len - 1); // [B, S-1]
        return logp.mul(mask).sum().neg().div(mask.sum());
    }
}
