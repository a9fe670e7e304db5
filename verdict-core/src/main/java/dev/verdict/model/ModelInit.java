package dev.verdict.model;

import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.tensor.DType;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a randomly initialised model directory (config, weights, tokenizer, processor config) from a preset and
 * a tokenizer: what {@code verdict model init} does, for code that needs a fresh model.
 */
public final class ModelInit {
    private ModelInit() {}

    /**
     * Creates {@code out} (absent or empty) with a random model.
     *
     * @param tokenizerJson the tokenizer.json text
     * @param tokenizerClass the tokenizer_class written to tokenizer_config.json
     * @param dtype parameter dtype, or null for the preset's
     * @return the model's config
     */
    public static ModelConfig create(
            Path out, String preset, String tokenizerJson, String tokenizerClass, DType dtype, long seed) {
        return create(out, preset, tokenizerJson, tokenizerClass, dtype, seed, ParamSpec.MATRIX_STD);
    }

    /**
     * As {@link #create(Path, String, String, String, DType, long)}, the token embedding drawn with {@code
     * embeddingStd} (see {@link ParamSpec#of(ModelConfig, double)}).
     */
    public static ModelConfig create(
            Path out,
            String preset,
            String tokenizerJson,
            String tokenizerClass,
            DType dtype,
            long seed,
            double embeddingStd) {
        if (!(embeddingStd > 0)) {
            throw new IllegalArgumentException("the embedding std must be > 0, got " + embeddingStd);
        }
        prepare(out);
        TokenizerFiles.write(out, tokenizerJson, tokenizerClass);
        Path tokFile = out.resolve("tokenizer.json");
        int vocab = roundUp(TokenizerFiles.vocabularySize(tokFile), 64);
        ModelConfig config;
        try (Tokenizer tok = Tokenizer.load(tokFile)) {
            config = Presets.get(preset, vocab, tok.specials());
        }
        if (dtype != null) {
            config = config.with("dtype", dtype);
        }
        try (QwenVL model = QwenVL.random(config, seed, embeddingStd)) {
            ModelFiles.save(model, out);
        }
        ImageProcessorConfig.DEFAULT.write(out.resolve("preprocessor_config.json"));
        return config;
    }

    private static void prepare(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " is not empty; choose a new folder");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }
}
