package dev.verdict.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.config.ConfigDocs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run folder: {@code config.yaml} (the resolved config, commented), {@code provenance.json},
 * {@code metrics.jsonl}, {@code samples.jsonl}, {@code checkpoints/}, {@code skipped/}. Only rank 0 writes it.
 *
 * @param dir the folder
 */
public record RunFolder(Path dir) {
    /** The resolved config, as YAML that reads back into the same record. */
    public static final String CONFIG = "config.yaml";
    /** One JSON object per step. */
    public static final String METRICS = "metrics.jsonl";
    /** Logged rollouts (RL). */
    public static final String SAMPLES = "samples.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Opens a run folder for a new run or a resumed one.
     *
     * @throws IllegalStateException when a new run would overwrite one that has checkpoints
     */
    public static RunFolder open(Path dir, boolean resume) {
        if (!resume && Checkpoints.latest(dir).isPresent()) {
            throw new IllegalStateException("run folder " + dir + " already holds checkpoints; pass --resume to "
                    + "continue that run, or set run.out to another folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        return new RunFolder(dir);
    }

    public Path metricsFile() {
        return dir.resolve(METRICS);
    }

    public Path samplesFile() {
        return dir.resolve(SAMPLES);
    }

    /** Writes the resolved config as commented YAML. */
    public void writeConfig(Record config, String header) {
        write(dir.resolve(CONFIG), ConfigDocs.yaml(config, header));
    }

    public void writeProvenance(Map<String, ?> provenance) {
        try {
            write(
                    dir.resolve("provenance.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(provenance));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the lines of a JSONL log written after {@code step} (a resumed run repeats those steps), keeping lines
     * without a step.
     */
    public void truncateLog(Path jsonl, long step) {
        if (!Files.exists(jsonl)) {
            return;
        }
        try {
            List<String> keep = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if (!n.has("step") || n.get("step").asLong() <= step) {
                    keep.add(line);
                }
            }
            Files.write(jsonl, keep, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + jsonl + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
