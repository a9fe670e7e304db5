package dev.verdict.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of an evaluation folder's {@code metrics.json}, read back through the keys {@link
 * MetricsReport} writes them under, as fractions in [0, 1] (the file holds percents). What other modules read of an
 * evaluation goes through this record.
 *
 * @param accuracy overall accuracy (micro: correct / counted judgments)
 * @param categories accuracy per category
 * @param formatValid share of sampled judgments that pass the strict parser (NaN with no samples)
 * @param factStated share of judgments whose reasoning states the scene's true fact (NaN when the data has none)
 */
public record MetricsHeadline(double accuracy, Map<String, Double> categories, double formatValid, double factStated) {
    static final String OVERALL = "overall";
    static final String CATEGORIES = "categories";
    static final String CATEGORY_ACCURACY = "acc";
    static final String FORMAT_VALID = "format_valid_rate";
    static final String FACT_STATED = "fact_stated";

    /** Reads {@code dir/metrics.json}. */
    public static MetricsHeadline read(Path dir) {
        Path file = dir.resolve(MetricsReport.METRICS);
        try {
            JsonNode m = ItemsFile.JSON.readTree(file.toFile());
            Map<String, Double> cats = new LinkedHashMap<>();
            m.path(CATEGORIES)
                    .properties()
                    .forEach(e -> cats.put(e.getKey(), fraction(e.getValue().path(CATEGORY_ACCURACY))));
            return new MetricsHeadline(
                    fraction(m.path(OVERALL)),
                    cats,
                    fraction(m.path(FORMAT_VALID)),
                    m.path(FACT_STATED).path(OVERALL).asDouble(Double.NaN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double fraction(JsonNode percent) {
        return percent.isNumber() ? percent.asDouble() / 100 : Double.NaN;
    }
}
