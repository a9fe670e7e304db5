package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Picks the RL set (R1-Reward §5.2): the hard pairs, those that needed two or more attempts or that no attempt
 * got right. Two ways to count attempts:
 *
 * <ul>
 *   <li>{@link #fromAttempts}: the paper's exact procedure, from the teacher's {@code meta.attempts} / {@code
 *       meta.distill_ok} written by {@link Distiller} (no model needed).
 *   <li>{@link #run}: a judge (typically the SFT checkpoint) tries each labelled pair again, up to {@code k}
 *       attempts under an {@link AttemptPlan} (by default greedy first, then sampling at temperature 1 with a
 *       distinct seed per attempt), and the pairs it found hard are kept.
 * </ul>
 *
 * Kept pairs are written in our schema with their meta kept; a judged run adds {@code meta.curate_attempts},
 * {@code meta.curate_ok} and {@code meta.curate_judge}; with {@code replay} or {@code replayMirror} the easy pairs
 * {@link Replay} adds are marked {@code meta.curate_replay} (and mirrors {@code meta.curate_mirror}). A judged run
 * also writes {@code OUT-stem.attempts.jsonl}, one line per judged pair (id, attempts, ok, kept, the answer of each
 * attempt), which a resume uses to skip the pairs already judged, and {@code OUT-stem.errors.jsonl} for judge
 * failures (rewritten by every run).
 */
public final class Curator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param plan the attempts (k = {@code plan.maxAttempts()})
     * @param concurrency pairs judged at once (1 for a local model)
     * @param maxErrorShare the run stops once judge errors exceed this share of its pairs
     * @param resume continue an earlier run's outputs
     * @param limit at most this many pairs of the input (0 = all)
     * @param replay easy pairs kept per hard pair ({@link Replay}; 0 = only the hard pairs, the paper's set)
     * @param replayMirror meta key: each hard pair also keeps one easy pair of its subset whose value differs
     *     ({@link Replay#mirrors}); "" = none
     */
    public record Options(
            AttemptPlan plan,
            int concurrency,
            double maxErrorShare,
            boolean resume,
            int limit,
            double replay,
            String replayMirror) {
        public Options {
            Replay.check(replay);
            if (replayMirror == null || replayMirror.isBlank() != replayMirror.isEmpty()) {
                throw new IllegalArgumentException("--replay-mirror must name a meta key, got '" + replayMirror + "'");
            }
        }

        /** k = 3, greedy then temperature 1, sequential, stop beyond 5% errors, no replay. */
        public static Options defaults() {
            return new Options(AttemptPlan.curateDefaults(), 1, 0.05, false, 0, 0, "");
        }
    }

    private final PairJudge judge;
    private final Options options;
    private final Consumer<String> log;

    /** @param log receives progress and error lines (e.g. stderr) */
    public Curator(PairJudge judge, Options options, Consumer<String> log) {
        this.judge = judge;
        this.options = options;
        this.log = log;
    }

    /**
     * Keeps the pairs of {@code data} (distill outputs, e.g. the main and the failed file) whose recorded
     * {@code meta.attempts} is 2 or more or whose {@code meta.distill_ok} is false; writes them to {@code out}.
     */
    public static RunSummary fromAttempts(List<Path> data, Path out, int limit) throws IOException {
        long start = System.nanoTime();
        List<PairFiles.Item> items = new ArrayList<>();
        for (Path file : data) {
            items.addAll(PairFiles.readLabelled(file, 0));
        }
        if (limit > 0 && items.size() > limit) {
            items = items.subList(0, limit);
        }
        Tally tally = new Tally();
        try (JsonlWriter sink = new JsonlWriter(out, false)) {
            for (PairFiles.Item item : items) {
                Attempts a = recorded(item);
                if (a.hard()) {
                    sink.write(PairFiles.toJson(item.pair(), out));
                }
                tally.add(a, a.hard());
            }
        }
        return tally.summary("curate", items.size(), 0, 0, start, List.of(out));
    }

    /** The attempts distill recorded for a pair; an error naming the file, line and field when absent. */
    static Attempts recorded(PairFiles.Item item) {
        String attempts = item.pair().source().get("attempts");
        String ok = item.pair().source().get("distill_ok");
        int n;
        try {
            n = Integer.parseInt(attempts == null ? "" : attempts.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    item.where() + " (id " + item.pair().id() + "): field meta.attempts: "
                            + (attempts == null ? "missing" : "not an integer: '" + attempts + "'")
                            + " (curate --from-attempts reads the output of verdict distill)");
        }
        if (n < 1) {
            throw new IllegalArgumentException(
                    item.where() + " (id " + item.pair().id() + "): field meta.attempts: must be >= 1, got " + n);
        }
        if (ok == null || !(ok.equals("true") || ok.equals("false"))) {
            throw new IllegalArgumentException(
                    item.where() + " (id " + item.pair().id() + "): field meta.distill_ok: "
                            + (ok == null ? "missing" : "not true/false: '" + ok + "'"));
        }
        return new Attempts(n, Boolean.parseBoolean(ok), "", List.of(), false);
    }

    /** Judges {@code data} again and keeps the hard pairs in {@code out}. */
    public RunSummary run(Path data, Path out) throws IOException {
        long start = System.nanoTime();
        List<PairFiles.Item> items = PairFiles.readLabelled(data, options.limit());
        Path logPath = PairFiles.sibling(out, ".attempts.jsonl");
        PairFiles.checkFresh(out, options.resume());
        PairFiles.checkFresh(logPath, options.resume());
        Set<String> done = new HashSet<>();
        if (options.resume()) {
            done.addAll(PairFiles.doneIds(out));
            done.addAll(PairFiles.doneIds(logPath));
        }
        List<PairFiles.Item> todo =
                items.stream().filter(i -> !done.contains(i.pair().id())).toList();
        Tally tally = new Tally();
        ItemRunner.Result result;
        Path errorsPath = PairFiles.sibling(out, ".errors.jsonl");
        try (JsonlWriter kept = new JsonlWriter(out, options.resume());
                JsonlWriter attemptsLog = new JsonlWriter(logPath, options.resume());
                JsonlWriter errors = new JsonlWriter(errorsPath, false)) {
            ProgressLine progress = new ProgressLine("curate", todo.size(), 50, log);
            ItemRunner runner = new ItemRunner(options.concurrency(), options.maxErrorShare(), errors, log);
            result = runner.run(todo, item -> {
                Attempts a = Attempts.run(judge, item.pair(), options.plan());
                if (a.hard()) {
                    kept.write(keptLine(item, out, a));
                }
                attemptsLog.write(logLine(item, a));
                progress.step(tally.add(a, a.hard()));
            });
        }
        if (!result.stopped()) {
            PairFiles.sortLikeInput(logPath, items);
            replay(out, logPath, items);
        }
        RunSummary summary = tally.summary(
                "curate",
                items.size(),
                items.size() - todo.size(),
                result.errors(),
                start,
                List.of(out, logPath, errorsPath));
        if (result.stopped()) {
            throw new RunStoppedException(
                    String.format(
                            Locale.ROOT,
                            "curate stopped: %d of %d pair(s) failed with a judge error (more than %.0f%%); first: %s."
                                    + " Errors are in %s; fix the cause and rerun with --resume",
                            result.errors(),
                            todo.size(),
                            100 * options.maxErrorShare(),
                            result.firstError(),
                            errorsPath),
                    summary);
        }
        return summary;
    }

    /** Appends the easy pairs that --replay and --replay-mirror ask for to the kept file. */
    private void replay(Path out, Path logPath, List<PairFiles.Item> items) throws IOException {
        Replay.Added added = Replay.apply(
                out,
                logPath,
                items,
                options.replay(),
                options.replayMirror(),
                options.plan().base().seed(),
                judge.name());
        if (added.total() > 0) {
            log.accept(String.format(
                    Locale.ROOT,
                    "curate: replayed %d easy pair(s) beside the hard ones (%d at random, --replay %s; %d as"
                            + " mirrors, --replay-mirror '%s')",
                    added.total(),
                    added.random(),
                    options.replay(),
                    added.mirrors(),
                    options.replayMirror()));
        }
    }

    private ObjectNode keptLine(PairFiles.Item item, Path out, Attempts a) {
        ObjectNode line = PairFiles.toJson(item.pair(), out);
        ObjectNode meta = PairFiles.meta(line);
        meta.put("curate_attempts", a.attempts());
        meta.put("curate_ok", a.ok());
        meta.put("curate_judge", judge.name());
        return line;
    }

    private static ObjectNode logLine(PairFiles.Item item, Attempts a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", item.pair().id());
        o.put("attempts", a.attempts());
        o.put("ok", a.ok());
        o.put("kept", a.hard());
        var choices = o.putArray("choices");
        a.choices().forEach(c -> choices.add(c.position()));
        return o;
    }
}
