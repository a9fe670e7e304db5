package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.PairJudge;
import dev.verdict.train.run.JsonlWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cold-start distillation (R1-Reward §5.2): a teacher judges each labelled pair with the R1-Reward prompt, up to
 * {@link AttemptPlan#maxAttempts()} times, until its answer equals the label.
 *
 * <p>Outputs, all in our JSONL schema, one flushed line per pair as it finishes (with concurrency, in finishing
 * order; a finished run rewrites them in input order, so the same input gives the same files, and SFT the same data
 * order, whatever order the judgments finished in):
 *
 * <ul>
 *   <li>{@code OUT}: the pairs the teacher got right, with {@code meta.judgment} (the accepted judgment, the SFT
 *       target), {@code meta.attempts} (1..max), {@code meta.distill_ok = true} and {@code meta.teacher}, other
 *       meta fields kept. It is ready for {@code verdict train sft}. When the judging options show the responses
 *       swapped (order SWAPPED or RANDOM), a pair is written as the teacher saw it: responses exchanged and the
 *       label flipped, so the judgment's "Response 1" is the line's {@code response_1}.
 *   <li>{@code OUT-stem.failed.jsonl}: the pairs no attempt got right, the same fields with {@code distill_ok =
 *       false}, {@code attempts} = max and the last (wrong) judgment. With {@code keepFailed} they go to {@code
 *       OUT} instead (for inspection; SFT would then learn wrong judgments).
 *   <li>{@code OUT-stem.errors.jsonl}: the pairs whose teacher call failed after the transport's own retries
 *       (id, location, message); rewritten by every run. A resume retries them.
 * </ul>
 *
 * A resume skips the ids already in {@code OUT} and the failed file.
 */
public final class Distiller {
    /**
     * @param plan the attempts
     * @param concurrency pairs judged at once (1 for a local model; 8 or so for a remote endpoint)
     * @param maxErrorShare the run stops once judge errors exceed this share of its pairs
     * @param keepFailed write failed pairs to the main output instead of the failed file
     * @param resume continue an earlier run's outputs
     * @param limit at most this many pairs of the input (0 = all), counted before skipping done ones
     */
    public record Options(
            AttemptPlan plan, int concurrency, double maxErrorShare, boolean keepFailed, boolean resume, int limit) {
        /** Distill's defaults: 3 attempts, sequential, stop beyond 5% errors. */
        public static Options defaults() {
            return new Options(AttemptPlan.distillDefaults(), 1, 0.05, false, false, 0);
        }
    }

    private final PairJudge teacher;
    private final Options options;
    private final Consumer<String> log;

    /** @param log receives progress and error lines (e.g. stderr) */
    public Distiller(PairJudge teacher, Options options, Consumer<String> log) {
        this.teacher = teacher;
        this.options = options;
        this.log = log;
    }

    /** Distills {@code data} into {@code out}; throws {@link RunStoppedException} when too many pairs failed. */
    public RunSummary run(Path data, Path out) throws IOException {
        long start = System.nanoTime();
        List<PairFiles.Item> items = PairFiles.readLabelled(data, options.limit());
        Path failedPath = PairFiles.sibling(out, ".failed.jsonl");
        PairFiles.checkFresh(out, options.resume());
        PairFiles.checkFresh(failedPath, options.resume());
        Set<String> done = new HashSet<>();
        if (options.resume()) {
            done.addAll(PairFiles.doneIds(out));
            done.addAll(PairFiles.doneIds(failedPath));
        }
        List<PairFiles.Item> todo =
                items.stream().filter(i -> !done.contains(i.pair().id())).toList();
        Tally tally = new Tally();
        ItemRunner.Result result;
        List<Path> written = new ArrayList<>();
        try (JsonlWriter main = new JsonlWriter(out, options.resume());
                JsonlWriter failed = new JsonlWriter(failedPath, options.resume());
                JsonlWriter errors = new JsonlWriter(PairFiles.sibling(out, ".errors.jsonl"), false)) {
            ProgressLine progress = new ProgressLine("distill", todo.size(), 50, log);
            ItemRunner runner = new ItemRunner(options.concurrency(), options.maxErrorShare(), errors, log);
            result = runner.run(todo, item -> {
                Attempts a = Attempts.run(teacher, item.pair(), options.plan());
                ObjectNode line = line(item, out, a);
                boolean keep = a.ok() || options.keepFailed();
                (keep ? main : failed).write(line);
                progress.step(tally.add(a, keep));
            });
            written.add(out);
            written.add(failedPath);
            written.add(errors.path());
        }
        if (!result.stopped()) {
            PairFiles.sortLikeInput(out, items);
            PairFiles.sortLikeInput(failedPath, items);
        }
        RunSummary summary =
                tally.summary("distill", items.size(), items.size() - todo.size(), result.errors(), start, written);
        if (result.stopped()) {
            throw new RunStoppedException(
                    String.format(
                            Locale.ROOT,
                            "distill stopped: %d of %d pair(s) failed with a teacher error (more than %.0f%%); first: %s."
                                    + " Errors are in %s; fix the cause and rerun with --resume",
                            result.errors(),
                            todo.size(),
                            100 * options.maxErrorShare(),
                            result.firstError(),
                            written.get(2)),
                    summary);
        }
        return summary;
    }

    /** The pair as the teacher saw it (so the judgment's "Response 1" is the line's response_1), with the fields. */
    private ObjectNode line(PairFiles.Item item, Path out, Attempts a) {
        ObjectNode line = PairFiles.toJson(a.swapped() ? item.pair().swapped() : item.pair(), out);
        ObjectNode meta = PairFiles.meta(line);
        meta.put("judgment", a.judgment());
        meta.put("attempts", a.attempts());
        meta.put("distill_ok", a.ok());
        meta.put("teacher", teacher.name());
        return line;
    }
}
