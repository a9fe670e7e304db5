package dev.verdict.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Builds a Hugging Face {@code tokenizer.json} for a small word-level vocabulary: the Qwen special tokens
 * first (ids 0..7, {@link SpecialTokens#QWEN_VL_ORDER}), then added non-special tokens (such as {@code
 * <think>}), then {@code [UNK]}, a space and a newline, then the words.
 *
 * <p>Text is split into runs of word characters and single punctuation characters, each with the one space
 * before it if there is one (as GPT-2 and SentencePiece vocabularies attach a space to the word after it), and
 * into single whitespace characters otherwise; each piece is a token, and every word is in the vocabulary both
 * with and without its leading space. Decoding fuses the tokens back with nothing in between, so any text whose
 * pieces are all in the vocabulary round-trips exactly. Attaching the space halves the length of ordinary text
 * and makes the previous word the previous token, which a small model learns far sooner than "two tokens
 * back".
 */
public final class WordLevelVocabulary {
    public static final String UNK = "[UNK]";
    /** The pre-tokenizer's pieces: a word or a punctuation mark with its leading space, or one whitespace. */
    public static final String PIECES = " ?\\w+| ?[^\\w\\s]|\\s";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WordLevelVocabulary() {}

    /**
     * @param addedTokens tokens matched before splitting (e.g. {@code <think>}, {@code </answer>})
     * @param words the vocabulary; duplicates and the special tokens are ignored
     * @return the {@code tokenizer.json} text
     */
    public static String tokenizerJson(List<String> addedTokens, List<String> words) {
        SequencedSet<String> vocab = new LinkedHashSet<>(SpecialTokens.QWEN_VL_ORDER);
        vocab.addAll(addedTokens);
        vocab.add(UNK);
        vocab.add(" ");
        vocab.add("\n");
        for (String w : words) {
            vocab.add(w);
            if (!w.isBlank()) {
                vocab.add(" " + w);
            }
        }
        List<String> ordered = new ArrayList<>(vocab);

        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < SpecialTokens.QWEN_VL_ORDER.size() + addedTokens.size(); id++) {
            String content = ordered.get(id);
            ObjectNode t = added.addObject();
            t.put("id", id);
            t.put("content", content);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", id < SpecialTokens.QWEN_VL_ORDER.size());
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Split");
        pre.putObject("pattern").put("Regex", PIECES);
        pre.put("behavior", "Isolated");
        pre.put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode v = model.putObject("vocab");
        for (int i = 0; i < ordered.size(); i++) {
            v.put(ordered.get(i), i);
        }
        model.put("unk_token", UNK);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
