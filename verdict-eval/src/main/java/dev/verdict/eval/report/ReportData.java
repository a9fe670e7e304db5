package dev.verdict.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.eval.EvalRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run folder holds for the report: an eval run's {@code metrics.json} and {@code items.jsonl}
 * ({@code docs/eval.md}) and a training run's {@code metrics.jsonl}. At least one of {@code metrics.json} and
 * {@code metrics.jsonl} must be present.
 *
 * @param dir the run folder
 * @param metrics the parsed {@code metrics.json}, if present
 * @param items counts over {@code items.jsonl}, if present
 * @param training the curves of {@code metrics.jsonl}, if present
 */
public record ReportData(
        Path dir, Optional<JsonNode> metrics, Optional<ItemCounts> items, Optional<TrainingCurves> training) {

    /**
     * Counts over {@code items.jsonl}.
     *
     * @param judgments lines (judgments recorded)
     * @param errors lines whose {@code error} is set
     */
    public record ItemCounts(int judgments, int errors) {}

    /** Reads {@code dir}; a missing folder, a corrupt file or a folder with neither metrics file is an error. */
    public static ReportData read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir + ": not a directory");
        }
        Path metricsJson = dir.resolve("metrics.json");
        Path itemsJsonl = dir.resolve(EvalRunner.ITEMS);
        Path trainJsonl = dir.resolve("metrics.jsonl");
        if (!Files.exists(metricsJson) && !Files.exists(trainJsonl)) {
            throw new ReportException(metricsJson + ": not found (nor a training run's metrics.jsonl): is " + dir
                    + " a run folder written by verdict eval?");
        }
        Optional<JsonNode> metrics =
                Files.exists(metricsJson) ? Optional.of(readMetrics(metricsJson)) : Optional.empty();
        Optional<ItemCounts> items = Files.exists(itemsJsonl) ? Optional.of(countItems(itemsJsonl)) : Optional.empty();
        Optional<TrainingCurves> training =
                Files.exists(trainJsonl) ? Optional.of(TrainingCurves.read(trainJsonl)) : Optional.empty();
        return new ReportData(dir, metrics, items, training);
    }

    /** Whether the run's config says the images were withheld. */
    public boolean blind() {
        return metrics.map(m -> m.path("config").path("blind").asBoolean(false)).orElse(false);
    }

    private static JsonNode readMetrics(Path file) {
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ReportException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (m == null || !m.isObject()) {
            throw new ReportException(file + ": expected a JSON object (the metrics of verdict eval)");
        }
        if (!m.has("overall") || !m.has("categories")) {
            throw new ReportException(
                    file + ": no \"overall\" or \"categories\": not the metrics.json of verdict eval");
        }
        return m;
    }

    private static ItemCounts countItems(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        ObjectMapper json = new ObjectMapper();
        int judgments = 0;
        int errors = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode row;
            try {
                row = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new ReportException(file + ":" + (i + 1) + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
            judgments++;
            if (row != null && row.hasNonNull("error")) {
                errors++;
            }
        }
        return new ItemCounts(judgments, errors);
    }
}
