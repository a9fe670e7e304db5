package dev.verdict.serve;

import dev.verdict.generate.ModelBundle;
import dev.verdict.image.ImageProcessor;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.WordLevelVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A randomly initialised tiny Qwen2.5-VL-shaped model with a word-level tokenizer, for end-to-end tests. */
final class TinyModel {
    private TinyModel() {}

    static ModelBundle bundle(Path dir) throws IOException {
        Path tokFile = dir.resolve("tokenizer.json");
        Files.writeString(
                tokFile,
                WordLevelVocabulary.tokenizerJson(
                        List.of("<think>", "</think>", "<answer>", "</answer>"),
                        List.of("1", "2", "red", "blue", "which", "?", "hello", "shape", "is", "the")));
        Tokenizer tok = Tokenizer.load(tokFile);
        QwenVL model = QwenVL.random(Presets.get("tiny", 64, tok.specials()), 7);
        return new ModelBundle(dir, model, tok, new ImageProcessor());
    }
}
