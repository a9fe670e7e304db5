package dev.verdict.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (BPE, WordLevel, ...) loaded offline through the Rust tokenizers
 * library. Encoding adds no special tokens and never truncates; special tokens written in the text (such as
 * {@code <|im_start|>}) are recognised as single ids.
 */
public final class Tokenizer implements AutoCloseable {
    static {
        // never let the tokenizers library reach out to the network (telemetry, downloads)
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final HuggingFaceTokenizer hf;
    private final SpecialTokens specials;
    private final Path source;

    private Tokenizer(HuggingFaceTokenizer hf, Path source) {
        this.hf = hf;
        this.source = source;
        this.specials = new SpecialTokens(
                requireId(SpecialTokens.END_OF_TEXT),
                requireId(SpecialTokens.IM_START),
                requireId(SpecialTokens.IM_END),
                requireId(SpecialTokens.VISION_START),
                requireId(SpecialTokens.VISION_END),
                requireId(SpecialTokens.IMAGE_PAD),
                requireId(SpecialTokens.VIDEO_PAD));
    }

    /**
     * Loads {@code tokenizer.json}, given either the file or a model directory that contains it.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or lacks a Qwen special token
     */
    public static Tokenizer load(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("tokenizer.json") : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("tokenizer not found: " + file);
        }
        Map<String, String> options = Map.of(
                "addSpecialTokens", "false",
                "truncation", "false",
                "padding", "false",
                "modelMaxLength", String.valueOf(Integer.MAX_VALUE));
        try {
            return new Tokenizer(HuggingFaceTokenizer.newInstance(file, options), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** Token ids of {@code text}, special tokens recognised, nothing added, no truncation. */
    public long[] encode(String text) {
        return hf.encode(text, false, false).getIds();
    }

    /** The text of {@code ids}; special tokens are kept unless {@code skipSpecial}. */
    public String decode(long[] ids, boolean skipSpecial) {
        return hf.decode(ids, skipSpecial);
    }

    /** The id of a token that encodes to exactly one id, or -1. */
    public int tokenId(String token) {
        long[] ids = encode(token);
        return ids.length == 1 ? (int) ids[0] : -1;
    }

    public SpecialTokens specials() {
        return specials;
    }

    public Path source() {
        return source;
    }

    private int requireId(String token) {
        int id = tokenId(token);
        if (id < 0) {
            throw new IllegalArgumentException("tokenizer " + source + " has no single token for " + token);
        }
        return id;
    }

    @Override
    public void close() {
        hf.close();
    }
}
