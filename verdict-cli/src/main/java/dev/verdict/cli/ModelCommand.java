package dev.verdict.cli;

import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldVocabulary;
import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.DType;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verdict model ...}: create and inspect model directories. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Create model directories.",
        subcommands = {ModelCommand.Init.class})
final class ModelCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Write a randomly initialised Qwen2.5-VL-family model as a Hugging Face directory.")
    static final class Init implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--preset", required = true, description = "tiny (~3M params), small (~30M) or bench-0.5b")
        String preset;

        @Option(names = "--out", required = true, description = "directory to write (created; must be empty or absent)")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "initialisation seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--dtype", description = "f32 or bf16 (default: the preset's)")
        String dtype;

        @Option(
                names = "--tokenizer",
                description =
                        "a tokenizer.json to pair the model with (default: the synthetic world's word-level vocabulary)")
        Path tokenizerJson;

        @Override
        public void run() {
            prepare(out);
            String json = readTokenizer();
            Path tokFile = out.resolve("tokenizer.json");
            TokenizerFiles.write(out, json, tokenizerJson == null ? "PreTrainedTokenizerFast" : "Qwen2TokenizerFast");
            int vocab = roundUp(TokenizerFiles.vocabularySize(tokFile), 64);
            ModelConfig config;
            try (Tokenizer tok = Tokenizer.load(tokFile)) {
                config = Presets.get(preset, vocab, tok.specials());
            }
            if (dtype != null) {
                config = config.withDtype(DType.parse(dtype));
            }
            try (QwenVL model = QwenVL.random(config, seed)) {
                ModelFiles.save(model, out);
            }
            ImageProcessorConfig.DEFAULT.write(out.resolve("preprocessor_config.json"));
            var w = spec.commandLine().getOut();
            w.printf("wrote %s: preset %s, %s, vocabulary %d%n", out, preset, ModelFiles.summary(config), vocab);
            w.flush();
        }

        private String readTokenizer() {
            if (tokenizerJson == null) {
                return WorldVocabulary.tokenizerJson(WorldConfig.defaults());
            }
            try {
                return Files.readString(tokenizerJson);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + tokenizerJson, e);
            }
        }

        private static void prepare(Path dir) {
            try {
                if (Files.isDirectory(dir)) {
                    try (var s = Files.list(dir)) {
                        if (s.findAny().isPresent()) {
                            throw new IllegalArgumentException(dir + " is not empty; choose a new --out");
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
}
