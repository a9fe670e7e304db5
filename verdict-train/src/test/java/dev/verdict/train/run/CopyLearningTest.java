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
import dev.verdict.train.optim.TrainOptimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tiny decoder can learn the in-context skills every judgment needs: copying a word from earlier in its context
 * (restating the question's object) and binding a word to the segment it sits in (quoting what Response 1 says,
 * not Response 2). A broken attention mask, rotary embedding or gradient path keeps the loss at ln(words) = 4.8
 * nats; a decoder that copies without binding stays near ln 2, choosing between the two segments' words.
 */
class CopyLearningTest {
    private static final int VOCAB = 256;
    private static final int SEP = 10;
    private static final int HEADER = 11; // HEADER 1 .. and HEADER 2 .. open the two segments
    private static final int ONE = 12;
    private static final int WORDS = 120; // ids 20 .. 139 are words to copy
    private static final int FILLER = 100; // ids 150 .. 249 fill the gaps
    private static final int BATCH = 32;
    private static final int MAX_GAP = 30;
    private static final int SEGMENT = 12;
    private static final int BOUND_WORDS = 6; // the bound word is one of a few, like a colour in a response

    /** Token rows of one batch and the one position per row whose next token is trained. */
    private record Batch(long[][] ids, boolean[][] valid, int[] trainedAt) {}

    /** Each sequence is {@code w SEP f1 .. fg SEP w}: the last {@code w} is only predictable by attending back. */
    @Test
    void aFreshTinyDecoderLearnsToCopyAWordAcrossAGapOfRandomLength() {
        double[] loss = train(120, CopyLearningTest::copyBatch);
        assertTrue(loss[0] > 4.0, "an untrained model cannot copy: first loss " + loss[0]);
        assertTrue(loss[1] < 0.3, "after 120 steps the copy should be learned: loss " + loss[1]);
    }

    /**
     * Each sequence is {@code H 1 f.. w1 f.. H 2 f.. w2 f.. H k}, each word at a random place in its segment, and
     * the next token is {@code w_k}: the word of the segment whose header carries the asked digit.
     */
    @Test
    void aFreshTinyDecoderLearnsWhichSegmentAWordBelongsTo() {
        double[] loss = train(200, CopyLearningTest::bindBatch);
        assertTrue(loss[0] > 4.0, "an untrained model cannot copy: first loss " + loss[0]);
        assertTrue(
                loss[1] < 0.3,
                "after 200 steps the word of the asked segment should be known (about 0.6 is "
                        + "copying one of the two words without knowing which): loss " + loss[1]);
    }

    /** Trains a fresh tiny decoder; returns the first step's loss and the mean of the last five. */
    private static double[] train(int steps, Function<SplittableRandom, Batch> batches) {
        OptimConfig optim = new OptimConfig(2e-3, 2e-4, 20, 0.0, 0.9, 0.95, 1e-8, 1.0);
        SplittableRandom rnd = new SplittableRandom(0);
        double first = Double.NaN;
        double lastFive = 0;
        try (QwenVL model = QwenVL.random(Presets.get("tiny", VOCAB, SpecialTokens.WORD_LEVEL), 1);
                TrainOptimizer opt = new TrainOptimizer(trainable(model), optim, steps)) {
            for (int step = 0; step < steps; step++) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor loss = trainedTokenLoss(model, batches.apply(rnd));
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
        return new double[] {first, lastFive};
    }

    private static List<Tensor> trainable(QwenVL model) {
        model.requiresGrad(true);
        return new ArrayList<>(model.parameters().values());
    }

    private static Batch copyBatch(SplittableRandom rnd) {
        int len = 3 + MAX_GAP + 1;
        Batch batch = new Batch(new long[BATCH][len], new boolean[BATCH][len], new int[BATCH]);
        for (int b = 0; b < BATCH; b++) {
            long[] row = batch.ids()[b];
            long word = randomWord(rnd, WORDS);
            int gap = MAX_GAP / 2 + rnd.nextInt(MAX_GAP / 2 + 1);
            int k = 0;
            row[k++] = word;
            row[k++] = SEP;
            for (int i = 0; i < gap; i++) {
                row[k++] = randomFiller(rnd);
            }
            row[k++] = SEP;
            batch.trainedAt()[b] = k - 1; // the second SEP predicts the word
            row[k++] = word;
            Arrays.fill(batch.valid()[b], 0, k, true);
        }
        return batch;
    }

    private static Batch bindBatch(SplittableRandom rnd) {
        int len = 2 * (SEGMENT + 2) + 3;
        Batch batch = new Batch(new long[BATCH][len], new boolean[BATCH][len], new int[BATCH]);
        for (int b = 0; b < BATCH; b++) {
            long[] row = batch.ids()[b];
            long[] words = {randomWord(rnd, BOUND_WORDS), randomWord(rnd, BOUND_WORDS)};
            int k = 0;
            for (int segment = 0; segment < 2; segment++) {
                row[k++] = HEADER;
                row[k++] = ONE + segment;
                int at = rnd.nextInt(SEGMENT);
                for (int i = 0; i < SEGMENT; i++) {
                    row[k++] = i == at ? words[segment] : randomFiller(rnd);
                }
            }
            int asked = rnd.nextInt(2);
            row[k++] = HEADER;
            row[k++] = ONE + asked;
            batch.trainedAt()[b] = k - 1;
            row[k++] = words[asked];
            Arrays.fill(batch.valid()[b], 0, k, true);
        }
        return batch;
    }

    /** One of the first {@code count} word ids (20, 21, ...). */
    private static long randomWord(SplittableRandom rnd, int count) {
        return 20 + rnd.nextInt(count);
    }

    private static long randomFiller(SplittableRandom rnd) {
        return 150 + rnd.nextInt(FILLER);
    }

    /** The mean negative log-likelihood of each row's trained token (differentiable scalar). */
    private static Tensor trainedTokenLoss(QwenVL model, Batch batch) {
        long[][] ids = batch.ids();
        int len = ids[0].length;
        Tensor logits =
                model.logits(model.hidden(ModelInput.text(ids, batch.valid())).narrow(1, 0, len - 1)); // [B, S-1, V]
        long[] next = new long[BATCH * (len - 1)];
        float[] trained = new float[BATCH * (len - 1)];
        for (int b = 0; b < BATCH; b++) {
            for (int s = 0; s < len - 1; s++) {
                next[b * (len - 1) + s] = ids[b][s + 1];
            }
            trained[b * (len - 1) + batch.trainedAt()[b]] = 1;
        }
        Tensor logp = TokenLogProbs.of(logits, Tensors.ofLongs(next, BATCH, len - 1)); // [B, S-1]
        Tensor mask = Tensors.of(trained, BATCH, len - 1); // [B, S-1]
        return logp.mul(mask).sum().neg().div(mask.sum());
    }
}
