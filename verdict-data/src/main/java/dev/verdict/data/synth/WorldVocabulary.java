package dev.verdict.data.synth;

import dev.verdict.judge.prompt.R1RewardPrompt;
import dev.verdict.tokenizer.ChatTemplate;
import dev.verdict.tokenizer.WordLevelVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word-level vocabulary of a world: every word and punctuation mark of the world's sentence templates, its
 * colour and shape names, the numbers it can write, the R1-Reward prompt template and the Qwen chat template
 * ({@code system}, {@code user}, {@code assistant}, the default system prompt), plus the added tokens
 * {@code <think>}, {@code </think>}, {@code <answer>}, {@code </answer>}. It depends on the config only, never
 * on the seed, so any tool can write the same {@code tokenizer.json} for a world.
 */
public final class WorldVocabulary {
    /** Tokens matched whole before splitting, in id order after the Qwen special tokens. */
    public static final List<String> ADDED_TOKENS = List.of("<think>", "</think>", "<answer>", "</answer>");

    // the same pieces as the tokenizer's pre-tokenizer: runs of word characters, single other non-spaces
    private static final Pattern PIECE = Pattern.compile("\\w+|[^\\w\\s]", Pattern.UNICODE_CHARACTER_CLASS);

    private WorldVocabulary() {}

    /** The words (non-special tokens) of the world, in a stable order. */
    public static List<String> words(WorldConfig cfg) {
        SequencedSet<String> words = new LinkedHashSet<>();
        addPieces(
                words,
                R1RewardPrompt.template()
                        .replace("{question}", " ")
                        .replace("{answer1}", " ")
                        .replace("{answer2}", " "));
        addPieces(words, ChatTemplate.DEFAULT_SYSTEM);
        words.addAll(List.of("system", "user", "assistant"));
        for (String t : Phrases.all()) {
            addPieces(words, Phrases.literalText(t));
        }
        for (Palette.Colour c : cfg.palette()) {
            words.add(c.name());
        }
        for (ShapeKind s : cfg.shapeKinds()) {
            words.add(s.noun());
            words.add(s.plural());
        }
        for (int n = 0; n <= maxNumber(cfg); n++) {
            words.add(String.valueOf(n));
        }
        return new ArrayList<>(words);
    }

    /** The HF {@code tokenizer.json} text for the world. */
    public static String tokenizerJson(WorldConfig cfg) {
        return WordLevelVocabulary.tokenizerJson(ADDED_TOKENS, words(cfg));
    }

    /** The largest number any world text contains (counts, sums, grid rows and columns). */
    static int maxNumber(WorldConfig cfg) {
        return Math.max(cfg.cells(), 2 * cfg.maxClassCount());
    }

    private static void addPieces(SequencedSet<String> words, String text) {
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
    }
}
