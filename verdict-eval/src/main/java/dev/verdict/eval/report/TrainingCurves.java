package dev.verdict.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric fields of a training run's {@code metrics.jsonl} (one JSON object per line with a {@code step} key),
 * each as a curve against step.
 *
 * @param file the file read
 * @param curves one curve per numeric field, in order of first appearance
 */
public record TrainingCurves(Path file, List<Curve> curves) {

    /** One point of a curve. */
    public record Point(double step, double value) {}

    /** One numeric field against step. */
    public record Curve(String name, List<Point> points) {}

    public TrainingCurves {
        curves = List.copyOf(curves);
    }

    /** Reads {@code file}; an unreadable line or one without a numeric {@code step} is an error naming the line. */
    public static TrainingCurves read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Point>> byField = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode row = parseLine(json, file, i + 1, line);
            double step = row.get("step").asDouble();
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                if (!e.getKey().equals("step") && e.getValue().isNumber()) {
                    byField.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(new Point(step, e.getValue().asDouble()));
                }
            }
        }
        List<Curve> curves = new ArrayList<>();
        byField.forEach((name, pts) -> curves.add(new Curve(name, pts)));
        return new TrainingCurves(file, curves);
    }

    private static JsonNode parseLine(ObjectMapper json, Path file, int lineNo, String line) {
        JsonNode row;
        try {
            row = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ":" + lineNo + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (row == null || !row.isObject()) {
            throw new ReportException(file + ":" + lineNo + ": expected a JSON object");
        }
        if (!row.path("step").isNumber()) {
            throw new ReportException(file + ":" + lineNo + ": no numeric \"step\" key");
        }
        return row;
    }
}
