package dev.verdict.tokenizer;

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
 * <p>Text is split into single whitespace characters, runs of word characters and single punctuation
 * characters, each of which is a token; decoding fuses the tokens back with nothing in between, so any text
 * whose pieces are all in the vocabulary round-trips exactly.
 */
public final class WordLevelVocabulary {
    public static final String UNK = "[UNK]";
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
        vocab.addAll(words);
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
        pre.putObject("pattern").put("Regex", "\\s|\\w+|[^\\w\\s]");
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
