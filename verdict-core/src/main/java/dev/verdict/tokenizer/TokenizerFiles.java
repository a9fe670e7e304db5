package dev.verdict.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the tokenizer side of a Hugging Face model directory: {@code tokenizer.json}, {@code
 * tokenizer_config.json} and {@code chat_template.json} (a Jinja rendering of {@link ChatTemplate}).
 */
public final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {}

    /** The chat template as Jinja, for Hugging Face processors. */
    public static String chatTemplateJinja() {
        try (InputStream in = TokenizerFiles.class.getResourceAsStream("chat_template.jinja")) {
            if (in == null) {
                throw new IllegalStateException("chat_template.jinja resource missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code tokenizerJson} and its companions into {@code dir}.
     *
     * @param tokenizerClass {@code Qwen2TokenizerFast} for the real Qwen BPE, {@code PreTrainedTokenizerFast}
     *     for a word-level vocabulary
     */
    public static void write(Path dir, String tokenizerJson, String tokenizerClass) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson);
            ObjectNode cfg = JSON.createObjectNode();
            cfg.put("tokenizer_class", tokenizerClass);
            cfg.put("bos_token", (String) null);
            cfg.put("eos_token", SpecialTokens.IM_END);
            cfg.put("pad_token", SpecialTokens.END_OF_TEXT);
            cfg.put("unk_token", tokenizerClass.equals("PreTrainedTokenizerFast") ? WordLevelVocabulary.UNK : null);
            cfg.put("model_max_length", 32768);
            cfg.put("clean_up_tokenization_spaces", false);
            cfg.put("chat_template", chatTemplateJinja());
            Files.writeString(
                    dir.resolve("tokenizer_config.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg));
            ObjectNode tpl = JSON.createObjectNode();
            tpl.put("chat_template", chatTemplateJinja());
            Files.writeString(
                    dir.resolve("chat_template.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tpl));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer files to " + dir, e);
        }
    }

    /** One more than the largest token id in a {@code tokenizer.json} (vocabulary plus added tokens). */
    public static int vocabularySize(Path tokenizerJson) {
        try {
            JsonNode root = JSON.readTree(tokenizerJson.toFile());
            int max = -1;
            JsonNode vocab = root.path("model").path("vocab");
            for (JsonNode id : vocab) {
                max = Math.max(max, id.asInt());
            }
            for (JsonNode t : root.path("added_tokens")) {
                max = Math.max(max, t.path("id").asInt());
            }
            if (max < 0) {
                throw new IllegalArgumentException(tokenizerJson + ": no vocabulary found");
            }
            return max + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerJson, e);
        }
    }
}
