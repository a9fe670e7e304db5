package dev.verdict.eval.report;

import dev.verdict.eval.Bench;
import dev.verdict.eval.BlindMode;
import dev.verdict.eval.EvalConfig;
import dev.verdict.eval.Evaluation;
import dev.verdict.eval.OrderMode;
import dev.verdict.judge.BaselineJudge;
import dev.verdict.judge.PairJudge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Real eval run folders for the report tests, made by running the eval code in-process on a small file. */
final class ReportRuns {

    /** The categories of the constructed pairs; one of them must come out escaped. */
    static final List<String> CATEGORIES = List.of("perception", "<script>", "reasoning");

    private ReportRuns() {}

    /** 30 labelled pairs in our schema, responses never of equal length. */
    static Path data(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(String.format(
                    "{\"id\":\"item-%d\",\"group_id\":\"g%d\",\"question\":\"q%d\",\"response_1\":\"%s\","
                            + "\"response_2\":\"%s\",\"preferred\":%d,\"category\":\"%s\"}",
                    i,
                    i / 3,
                    i,
                    "a".repeat(3 + 2 * (i % 5)),
                    "b".repeat(4 + 2 * (i % 3)),
                    1 + i % 2,
                    CATEGORIES.get(i % 3)));
        }
        Path f = dir.resolve("pairs.jsonl");
        Files.write(f, lines);
        return f;
    }

    /** A run of the random baseline with 3 votes and both orders into {@code out}. */
    static Path evalRun(Path data, Path out, boolean blind) throws IOException {
        EvalConfig cfg = EvalConfig.of(Bench.JSONL, data, "random")
                .with("votes", 3, "temperature", 1.0)
                .with("order", OrderMode.BOTH)
                .with(
                        "seed",
                        blind ? 5L : 3L,
                        "limit",
                        0,
                        "concurrency",
                        1,
                        "blind",
                        blind ? BlindMode.BLANK : BlindMode.OFF,
                        "imageRoot",
                        null);
        try (PairJudge j = BaselineJudge.named("random")) {
            Evaluation.run(j, cfg, out, false, "test", s -> {});
        }
        return out;
    }

    /** A training run's metrics.jsonl with two numeric fields (loss, lr) and a text field, into {@code dir}. */
    static void trainingCurves(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int step = 1; step <= 20; step++) {
            lines.add(String.format(
                    Locale.ROOT,
                    "{\"step\":%d,\"loss\":%.4f,\"lr\":%.6f,\"phase\":\"sft\"}",
                    step,
                    2.0 / step,
                    1e-5 * Math.min(1, step / 5.0)));
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("metrics.jsonl"), lines);
    }
}
