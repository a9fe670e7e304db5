package dev.verdict.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.judge.PairJudge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One evaluation run end to end: load the benchmark, write or check {@code run.json} ({@link RunManifest}), judge
 * every item in every order pass (resumable), recompute the metrics from all of {@code items.jsonl} and write
 * {@code metrics.json}.
 *
 * <pre>{@code
 * EvalConfig cfg = EvalConfig.of(Bench.MM_RLHF_REWARDBENCH, data, "longer");
 * try (PairJudge judge = BaselineJudge.named("longer")) {
 *     Evaluation.Result r = Evaluation.run(judge, cfg, Path.of("out"), false, "dev", System.err::println);
 *     r.metrics().get("acc_plus");
 * }
 * }</pre>
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * What a run produced.
     *
     * @param metrics the metrics object written to {@code metrics.json}
     * @param records every judgment in {@code items.jsonl}
     * @param loaded the benchmark as read
     */
    public record Result(ObjectNode metrics, List<ItemRecord> records, BenchLoader.Loaded loaded) {}

    /** Runs {@code judge} over {@code config}'s benchmark into {@code out}. */
    public static Result run(
            PairJudge judge, EvalConfig config, Path out, boolean resume, String version, Consumer<String> progress)
            throws IOException {
        BenchLoader.Loaded loaded = BenchLoader.load(config);
        for (var p : loaded.problems()) {
            progress.accept("skipped unreadable record: " + p);
        }
        Provenance prov = Provenance.of(version, config, loaded);
        RunManifest.check(out, RunManifest.of(config, prov.dataSha256()), resume);
        List<ItemRecord> records = new EvalRunner(judge, config, progress).run(loaded.items(), out, resume);
        ObjectNode metrics = MetricsReport.build(records, config, prov);
        StatedFacts.of(records, loaded.items()).ifPresent(f -> metrics.set(MetricsHeadline.FACT_STATED, f));
        MetricsReport.write(metrics, out);
        return new Result(metrics, records, loaded);
    }
}
