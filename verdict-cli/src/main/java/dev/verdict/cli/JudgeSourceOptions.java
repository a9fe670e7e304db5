package dev.verdict.cli;

import dev.verdict.generate.LocalJudge;
import dev.verdict.judge.BaselineJudge;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.openai.OpenAiJudge;
import dev.verdict.train.checkpoint.ModelPaths;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which judge a command uses: a local model directory, an OpenAI-compatible endpoint or a baseline. Exactly
 * one must be given.
 */
final class JudgeSourceOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--judge-model",
            defaultValue = "default",
            description = "model name sent to the endpoint (default: ${DEFAULT-VALUE})")
    String judgeModel;

    @Mixin
    DeviceOption device = new DeviceOption();

    static final class Source {
        @Option(
                names = "--model",
                description = "a local Hugging Face model directory or a training run folder (its latest checkpoint)")
        Path model;

        @Option(names = "--judge-url", description = "an OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
        String url;

        @Option(names = "--judge", description = "a baseline judge: first, longer or random")
        String baseline;
    }

    /**
     * @param blind judge without images (a local model then judges the text alone)
     */
    PairJudge open(boolean blind) {
        if (source.model != null) {
            LocalJudge judge = LocalJudge.load(ModelPaths.resolve(source.model, "--model"), device.device());
            return blind ? judge.allowingTextOnly() : judge;
        }
        if (source.url != null) {
            return OpenAiJudge.builder()
                    .baseUrl(source.url)
                    .model(judgeModel)
                    .requireImages(!blind)
                    .build();
        }
        return BaselineJudge.named(source.baseline);
    }

    boolean isBaseline() {
        return source.baseline != null;
    }

    /** A short description for logs and run configs. */
    String describe() {
        if (source.model != null) {
            return "model:" + source.model;
        }
        return source.url != null ? "endpoint:" + source.url : "baseline:" + source.baseline;
    }
}
