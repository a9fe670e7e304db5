package dev.verdict.train.pretrain;

import dev.verdict.generate.PromptEncoder;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.sft.SftBatch;
import dev.verdict.train.sft.SftExample;
import dev.verdict.train.sft.SftLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Whether a base model answers questions about images it never trained on: every turn of the held-out images is
 * asked on its own (the image, then the one question) and scored by exact match under teacher forcing. An answer
 * counts as right when the argmax of every answer token and of the closing end-of-turn token is the reference
 * token, which is exactly when greedy decoding would write the reference answer. Accuracy is reported overall and
 * per question kind, so a model that answers one constant per kind (it does not read the image) shows as such.
 */
public final class HeldOutAnswers {
    /** One question to ask: the single-turn example and its kind. */
    record Question(SftExample example, String kind) {}

    private final List<Question> questions;
    private final int batchSize;
    private final int maxTokens;

    private HeldOutAnswers(List<Question> questions, int batchSize, int maxTokens) {
        this.questions = List.copyOf(questions);
        this.batchSize = batchSize;
        this.maxTokens = maxTokens;
    }

    /**
     * The questions of {@code images}, one item per image.
     *
     * @param slotWords words that fill a question template's slots (colour and shape names): they are replaced by
     *     {@code *} in the kind, as digits are by {@code #}, so "How many red circles are there?" has the kind
     *     "How many * * are there?"
     * @param context text put between the image and each question ("" for none); the kind is the bare question's
     */
    public static HeldOutAnswers of(
            PretrainData images, Set<String> slotWords, String context, int batchSize, int maxTokens) {
        PretrainData asked = images.singleTurnItems();
        PretrainData shown = context.isEmpty() ? asked : asked.questionsPrefixed(context);
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            SftExample ex = shown.example(i);
            out.add(new Question(
                    new SftExample(ex.prompt(), ex.images(), ex.reply()),
                    kindOf(asked.questions(i).getFirst(), slotWords)));
        }
        return new HeldOutAnswers(out, batchSize, maxTokens);
    }

    /** The questions as asked, in order. */
    List<Question> questions() {
        return questions;
    }

    /** The question's template: digits become {@code #}, slot words (or their plurals) {@code *}. */
    static String kindOf(String question, Set<String> slotWords) {
        StringBuilder b = new StringBuilder();
        for (String w : question.split(" ")) {
            String bare = w.replaceAll("[^A-Za-z0-9]", "");
            String tail = w.substring(w.indexOf(bare) + bare.length());
            String lower = bare.toLowerCase(Locale.ROOT);
            boolean slot = !lower.isEmpty()
                    && (slotWords.contains(lower)
                            || (lower.endsWith("s") && slotWords.contains(lower.substring(0, lower.length() - 1))));
            String word = slot ? "*" : bare.matches("\\d+") ? "#" : bare;
            b.append(b.isEmpty() ? "" : " ").append(word).append(tail);
        }
        return b.toString();
    }

    /**
     * Asks every question of the set.
     *
     * @return {@code accuracy} (fraction of exact answers) and {@code by_kind} (kind to accuracy, sorted by kind)
     */
    public Map<String, Object> measure(QwenVL model, PromptEncoder encoder, Tokenizer tokenizer) {
        Map<String, int[]> tally = new TreeMap<>();
        int right = 0;
        try (NoGradGuard g = new NoGradGuard()) {
            for (int from = 0; from < questions.size(); from += batchSize) {
                List<Question> part = questions.subList(from, Math.min(questions.size(), from + batchSize));
                boolean[] ok = exact(model, part, encoder, tokenizer);
                for (int k = 0; k < ok.length; k++) {
                    int[] t = tally.computeIfAbsent(part.get(k).kind(), x -> new int[2]);
                    t[0] += ok[k] ? 1 : 0;
                    t[1]++;
                    right += ok[k] ? 1 : 0;
                }
            }
        }
        Map<String, Double> byKind = new LinkedHashMap<>();
        tally.forEach((kind, t) -> byKind.put(kind, (double) t[0] / t[1]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", questions.isEmpty() ? Double.NaN : (double) right / questions.size());
        out.put("by_kind", byKind);
        return out;
    }

    /** Per question of {@code part}: whether every answer token is the argmax. */
    private boolean[] exact(QwenVL model, List<Question> part, PromptEncoder encoder, Tokenizer tokenizer) {
        try (Scope s = Scope.open()) {
            SftBatch b = SftBatch.build(part.stream().map(Question::example).toList(), encoder, tokenizer, maxTokens);
            Tensor pred = SftLoss.nextTokenLogits(model, b, model.embed(b.input()))
                    .argmax(new LongOptional(-1), false); // [B, S-1]
            Tensor mask = b.lossMaskTensor(); // [B, S-1]
            Tensor wrong = pred.ne(b.targets())
                    .to(ScalarType.Float)
                    .mul(mask)
                    .sum(new long[] {1}, false, new ScalarTypeOptional()); // [B]
            float[] w = Tensors.toFloats(wrong);
            boolean[] ok = new boolean[w.length];
            for (int k = 0; k < w.length; k++) {
                ok[k] = w[k] == 0f;
            }
            return ok;
        }
    }
}
