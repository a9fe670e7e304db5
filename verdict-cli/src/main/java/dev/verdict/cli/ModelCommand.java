package dev.verdict.cli;

import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldVocabulary;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.ModelInit;
import dev.verdict.tensor.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
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
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Write a randomly initialised Qwen2.5-VL-family model as a Hugging Face directory.")
    static final class Init implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

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

        @Option(
                names = "--embedding-std",
                defaultValue = "0.02",
                description = "standard deviation of the token embedding (default: ${DEFAULT-VALUE}, Hugging Face's"
                        + " initializer_range). The embedding is tied to the output head, so at 0.02 the tiny"
                        + " preset's logits cannot pass about 4 while its rows stay fixed (pretraining with"
                        + " token_rows: none); 1/sqrt(hidden) (0.072 for tiny) lifts that to about 14")
        double embeddingStd;

        @Override
        public void run() {
            ModelConfig config = ModelInit.create(
                    out,
                    preset,
                    readTokenizer(),
                    tokenizerJson == null ? "PreTrainedTokenizerFast" : "Qwen2TokenizerFast",
                    dtype == null ? null : DType.parse(dtype),
                    seed,
                    embeddingStd);
            var w = spec.commandLine().getOut();
            w.printf(
                    "wrote %s: preset %s, %s, vocabulary %d%n",
                    out, preset, ModelFiles.summary(config), config.text().vocabSize());
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
    }
}
