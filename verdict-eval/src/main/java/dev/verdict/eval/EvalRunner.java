package dev.verdict.eval;

import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.judge.Choice;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.Verdict;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a judge over a benchmark's items in every order pass of the config and appends one {@link ItemRecord} per
 * item and pass to {@code OUT/items.jsonl}, flushed per line. With resume, (row, pass) pairs already recorded
 * without an error are skipped; error lines are judged again (the later line wins when reading). A judge failure
 * never stops the run: it becomes an error line, scored as INVALID and counted in {@code errors}.
 *
 * <p>Concurrency: at most {@code config.concurrency()} judge calls are in flight, each on a virtual thread.
 */
public final class EvalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(EvalRunner.class);

    /** The name of the per-judgment file in the output folder. */
    public static final String ITEMS = "items.jsonl";

    private final PairJudge judge;
    private final EvalConfig config;
    private final Consumer<String> progress;
    private final BlankImages blanks = new BlankImages();

    /** A runner reporting progress lines (e.g. to stderr) through {@code progress}. */
    public EvalRunner(PairJudge judge, EvalConfig config, Consumer<String> progress) {
        this.judge = judge;
        this.config = config;
        this.progress = progress;
    }

    /**
     * Judges every (item, pass) not yet recorded, then returns all records of {@code out/items.jsonl}.
     *
     * @param resume keep an existing items.jsonl and skip what it holds; without it an existing file is an error
     */
    public List<ItemRecord> run(List<EvalItem> items, Path out, boolean resume) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve(ITEMS);
        if (!resume && Files.exists(file) && Files.size(file) > 0) {
            throw new IOException(file + " already exists: pass --resume to continue that run or choose another --out");
        }
        Set<String> done = new HashSet<>();
        for (ItemRecord r : ItemsFile.read(file)) {
            if (!r.failed()) {
                done.add(r.key());
            }
        }
        List<Runnable> tasks = new ArrayList<>();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        OtherImages others = config.blind() == BlindMode.OTHER_IMAGE
                ? new OtherImages(items.stream().map(EvalItem::pair).toList())
                : null;
        try (ItemsFile sink = ItemsFile.append(file)) {
            for (String pass : config.order().passes()) {
                JudgeOptions opts = config.judgeOptions(pass);
                for (int i = 0; i < items.size(); i++) {
                    EvalItem item = items.get(i);
                    if (done.contains(item.row() + "/" + pass)) {
                        continue;
                    }
                    int index = i;
                    tasks.add(() -> {
                        ItemRecord r = judgeOne(item, shownAs(others, index), pass, opts);
                        sink.write(r);
                        if (r.failed()) {
                            failed.incrementAndGet();
                            LOG.warn(
                                    "row {} ({}) {}: {}",
                                    item.row(),
                                    item.pair().id(),
                                    pass,
                                    r.error());
                        }
                        progress(finished.incrementAndGet(), tasks.size(), failed.get());
                    });
                }
            }
            int skipped = items.size() * config.order().passes().size() - tasks.size();
            if (skipped > 0) {
                progress.accept(
                        "resume: " + skipped + " judgments already in " + file + ", " + tasks.size() + " to go");
            }
            execute(tasks);
        }
        return ItemsFile.read(file);
    }

    private void execute(List<Runnable> tasks) throws IOException {
        Semaphore slots = new Semaphore(config.concurrency());
        try (StopRequest.Section polling = StopRequest.polling();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable t : tasks) {
                slots.acquireUninterruptibly();
                if (StopRequest.requested()) {
                    slots.release();
                    break; // the judgments in flight finish and are recorded below
                }
                futures.add(pool.submit(() -> {
                    try {
                        t.run();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    StoppedException.rethrowIfIn(e);
                    throw new IOException(
                            "evaluation task failed: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (futures.size() < tasks.size()) {
                throw new StoppedException(
                        "eval stopped (" + StopRequest.reason().orElse("requested") + ") after "
                                + futures.size() + " of " + tasks.size() + " judgments; they are recorded, and the same"
                                + " command with --resume continues");
            }
        }
    }

    private void progress(int done, int total, int failed) {
        if (done == total || done % Math.max(1, total / 20) == 0) {
            progress.accept(String.format("eval %s: %d/%d judgments (%d errors)", judge.name(), done, total, failed));
        }
    }

    /** What the judge is shown of item {@code index}: the pair itself, or its blind stand-in. */
    private UnaryOperator<PairExample> shownAs(OtherImages others, int index) {
        return switch (config.blind()) {
            case OFF -> pair -> pair;
            case BLANK -> blanks::blank;
            case OTHER_IMAGE -> pair -> others.swap(index);
        };
    }

    /** Judges one item in one pass; a judge failure (or an image that cannot be shown) becomes an error record. */
    ItemRecord judgeOne(EvalItem item, UnaryOperator<PairExample> shown, String pass, JudgeOptions opts) {
        PairExample pair = item.pair();
        long t0 = System.nanoTime();
        try {
            Verdict v = judge.judge(shown.apply(pair), opts);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new ItemRecord(
                    item.row(),
                    pair.id(),
                    pair.groupId(),
                    item.category(),
                    item.column(),
                    pass,
                    v.presentedSwapped(),
                    pair.preferred(),
                    v.votes(),
                    v.samples().stream().map(Verdict.Sample::formatValid).toList(),
                    v.choice(),
                    v.correct(pair.preferred()),
                    v.reasoning(),
                    v.samples().stream().map(Verdict.Sample::raw).toList(),
                    ms,
                    null);
        } catch (RuntimeException e) {
            StoppedException.rethrowIfIn(e);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return new ItemRecord(
                    item.row(),
                    pair.id(),
                    pair.groupId(),
                    item.category(),
                    item.column(),
                    pass,
                    opts.swaps(pair),
                    pair.preferred(),
                    List.of(),
                    List.of(),
                    Choice.INVALID,
                    false,
                    "",
                    List.of(),
                    ms,
                    msg);
        }
    }
}
