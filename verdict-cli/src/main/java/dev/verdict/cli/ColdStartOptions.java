package dev.verdict.cli;

import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.openai.OpenAiJudge;
import dev.verdict.train.curate.RunStoppedException;
import dev.verdict.train.curate.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options {@code verdict distill} and {@code verdict curate} share: files, resume, pacing, limits. */
final class ColdStartOptions {
    @Option(names = "--out", required = true, description = "output JSONL (our schema)")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "only the first N pairs of the input (0 = all)")
    int limit;

    @Option(names = "--resume", description = "continue an earlier run: skip the ids its outputs already hold")
    boolean resume;

    @Option(
            names = "--concurrency",
            defaultValue = "8",
            description = "pairs judged at once (a local model batches them into one generation;"
                    + " distill with a local teacher is sequential; default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
            names = "--max-errors",
            defaultValue = "0.05",
            description = "stop once judge errors exceed this share of the pairs (default: ${DEFAULT-VALUE})")
    double maxErrors;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "default: ${DEFAULT-VALUE}")
    int maxTokens;

    @Option(names = "--seed", defaultValue = "0", description = "base seed of the attempts (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--api-key-env",
            defaultValue = "OPENAI_API_KEY",
            description = "environment variable holding the endpoint's API key (default: ${DEFAULT-VALUE})")
    String apiKeyEnv;

    @Option(
            names = "--http-retries",
            defaultValue = "3",
            description = "retries of one request on HTTP 429/5xx/timeouts (default: ${DEFAULT-VALUE})")
    int httpRetries;

    @Option(names = "--text-only", description = "let a remote judge see pairs without images")
    boolean textOnly;

    /** The base judging options (tokens, seed). */
    JudgeOptions base() {
        return JudgeOptions.defaults().with("maxTokens", maxTokens).with("seed", seed);
    }

    /** An OpenAI-compatible judge at {@code url} serving {@code model}. */
    OpenAiJudge endpoint(String url, String model) {
        return OpenAiJudge.builder()
                .baseUrl(url)
                .model(model)
                .apiKeyEnv(apiKeyEnv)
                .maxRetries(httpRetries)
                .requireImages(!textOnly)
                .build();
    }

    /** Progress and error lines to the command's stderr. */
    static Consumer<String> stderr(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
    }

    /** Runs {@code job}, printing its summary to stdout, also when it stopped early (then rethrown). */
    static void report(CommandSpec spec, Job job) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RunSummary s = job.run();
            out.println(s.describe());
        } catch (RunStoppedException e) {
            out.println(e.summary().describe());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            out.flush();
        }
    }

    /** A run that returns its summary. */
    interface Job {
        RunSummary run() throws IOException;
    }
}
