package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code dir/metrics.json} and {@code dir/items.jsonl}, counting response tokens with {@code tok}. */
    static EvalResult read(Path dir, Tokenizer tok) {
        try {
            JsonNode m = JSON.readTree(dir.resolve("metrics.json").toFile());
            Map<String, Double> cats = new LinkedHashMap<>();
            m.path("categories")
                    .properties()
                    .forEach(e -> cats.put(e.getKey(), e.getValue().path("acc").asDouble() / 100));
            long tokens = 0;
            long samples = 0;
            int items = 0;
            for (String line : Files.readAllLines(dir.resolve("items.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                items++;
                for (JsonNode raw : JSON.readTree(line).path("raw")) {
                    tokens += tok.encode(raw.asText()).length;
                    samples++;
                }
            }
            return new EvalResult(
                    m.path("overall").asDouble() / 100,
                    cats,
                    m.path("format_valid_rate").asDouble() / 100,
                    samples == 0 ? Double.NaN : (double) tokens / samples,
                    items,
                    m.path("fact_stated").path("overall").asDouble(Double.NaN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The fields of summary.json for this evaluation. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("categories", categories);
        m.put("format_valid", formatValid);
        m.put("mean_response_tokens", meanResponseTokens);
        m.put("items", items);
        m.put("fact_stated", factStated);
        return m;
    }
}
