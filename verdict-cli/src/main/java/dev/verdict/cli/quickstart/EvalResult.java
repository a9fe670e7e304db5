package dev.verdict.cli.quickstart;

import dev.verdict.eval.EvalRunner;
import dev.verdict.eval.ItemsFile;
import dev.verdict.eval.MetricsHeadline;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the quickstart reads back from one {@code verdict eval} folder.
 *
 * @param accuracy overall accuracy as a fraction in [0, 1]
 * @param categories accuracy per category, fractions
 * @param formatValid fraction of sampled judgments that pass the strict parser
 * @param meanResponseTokens mean length in tokens of the judgments written (every sample)
 * @param items judged pairs
 * @param factStated fraction of judgments whose reasoning states the scene's true fact (NaN when the data has
 *     no facts)
 */
record EvalResult(
        double accuracy,
        Map<String, Double> categories,
        double formatValid,
        double meanResponseTokens,
        int items,
        double factStated) {
    /** Reads {@code dir/metrics.json} and {@code dir/items.jsonl}, counting response tokens with {@code tok}. */
    static EvalResult read(Path dir, Tokenizer tok) {
        MetricsHeadline m = MetricsHeadline.read(dir);
        List<ItemRecord> items;
        try {
            items = ItemsFile.read(dir.resolve(EvalRunner.ITEMS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation in " + dir + ": " + e.getMessage(), e);
        }
        long tokens = 0;
        long samples = 0;
        for (ItemRecord r : items) {
            for (String raw : r.raw()) {
                tokens += tok.encode(raw).length;
                samples++;
            }
        }
        return new EvalResult(
                m.accuracy(),
                m.categories(),
                m.formatValid(),
                samples == 0 ? Double.NaN : (double) tokens / samples,
                items.size(),
                m.factStated());
    }
}
