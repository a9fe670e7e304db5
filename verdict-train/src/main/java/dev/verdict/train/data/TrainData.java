package dev.verdict.train.data;

import dev.verdict.data.read.Layout;
import dev.verdict.data.read.PairReader;
import dev.verdict.data.read.Problem;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.train.config.DataConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a trainer's pairs; unreadable rows stop the run (listed with file and line) unless skipping is asked. */
public final class TrainData {
    private static final Logger LOG = LoggerFactory.getLogger(TrainData.class);
    private static final int SHOWN = 5;

    private TrainData() {}

    /**
     * The pairs of {@code cfg.train()} that pass {@code usable}.
     *
     * @param usable what a trainer needs of a pair (e.g. a teacher judgment), described by {@code need}
     */
    public static List<PairExample> load(DataConfig cfg, Predicate<PairExample> usable, String need) {
        Path file = Path.of(cfg.train());
        ReadOptions opts = ReadOptions.defaults().with("layout", Layout.parse(cfg.layout()));
        if (!cfg.imageRoot().isEmpty()) {
            opts = opts.with("imageRoot", Path.of(cfg.imageRoot()));
        }
        PairReader.Result r;
        try {
            r = PairReader.read(file, opts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training data " + file + ": " + e.getMessage(), e);
        }
        if (!r.problems().isEmpty()) {
            String shown =
                    r.problems().stream().limit(SHOWN).map(Problem::toString).collect(Collectors.joining("\n  "));
            String msg = r.problems().size() + " unreadable row(s) in " + file + ":\n  " + shown
                    + (r.problems().size() > SHOWN ? "\n  ..." : "");
            if (!cfg.skipBadRows()) {
                throw new IllegalArgumentException(msg + "\n(fix them, or set data.skip_bad_rows=true to skip them)");
            }
            LOG.warn("{} (skipped: data.skip_bad_rows is on)", msg);
        }
        List<PairExample> pairs = r.pairs();
        List<PairExample> bad = pairs.stream().filter(usable.negate()).toList();
        if (!bad.isEmpty()) {
            String ids = bad.stream().limit(SHOWN).map(PairExample::id).collect(Collectors.joining(", "));
            String msg = bad.size() + " pair(s) in " + file + " lack " + need + " (" + ids
                    + (bad.size() > SHOWN ? ", ..." : "") + ")";
            if (!cfg.skipBadRows()) {
                throw new IllegalArgumentException(msg);
            }
            LOG.warn("{}; skipped", msg);
            pairs = pairs.stream().filter(usable).toList();
        }
        if (cfg.limit() > 0 && pairs.size() > cfg.limit()) {
            pairs = pairs.subList(0, cfg.limit());
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no usable training pairs in " + file);
        }
        return List.copyOf(pairs);
    }
}
