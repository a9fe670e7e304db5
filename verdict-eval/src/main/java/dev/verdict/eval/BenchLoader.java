package dev.verdict.eval;

import dev.verdict.data.read.PairReader;
import dev.verdict.data.read.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a benchmark file into {@link EvalItem}s: keyed by row, categorised by the benchmark's rule. */
public final class BenchLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BenchLoader.class);

    private BenchLoader() {}

    /**
     * The items of a run and the records that could not be read.
     *
     * @param items the pairs in file order (the first {@code limit} when a limit is set)
     * @param problems unreadable records, each naming file, line and field; reported, never judged
     * @param records records in the file
     */
    public record Loaded(List<EvalItem> items, List<Problem> problems, long records) {}

    /** Reads {@code config.data()}; a file whose every record fails is an error. */
    public static Loaded load(EvalConfig config) throws IOException {
        PairReader.Result res = PairReader.read(config.data(), config.readOptions());
        if (res.rows().isEmpty()) {
            String first = res.problems().isEmpty()
                    ? "the file holds no records"
                    : res.problems().getFirst().toString();
            throw new IOException(config.data() + ": no readable pair for --bench "
                    + config.bench().cliName() + ": " + first);
        }
        for (Problem p : res.problems()) {
            LOG.warn("{}", p);
        }
        List<EvalItem> items = new ArrayList<>();
        int n = config.limit() > 0
                ? Math.min(config.limit(), res.rows().size())
                : res.rows().size();
        for (int i = 0; i < n; i++) {
            var pair = res.rows().get(i).pair();
            String category = config.bench().category(pair, config.categories());
            items.add(new EvalItem(i, pair, category, config.bench().column(category)));
        }
        return new Loaded(items, res.problems(), res.records());
    }
}
