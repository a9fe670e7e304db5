package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.data.PairSchema;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Small labelled data sets written to a temp folder, and reading JSONL outputs back. */
final class PairFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PairFixtures() {}

    /**
     * Writes one pair per id to {@code dir/pairs.jsonl}, label 1, each with the question {@code "about zq-ID?"} and
     * one image {@code images/ID.png} (relative, as in our files), and {@code meta.fact}.
     */
    static Path write(Path dir, List<String> ids) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            Path png = dir.resolve("images").resolve(id + ".png");
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
            PairExample p = new PairExample(
                    id,
                    id,
                    List.of(ImageRef.path(png)),
                    "about zq-" + id + "?",
                    "right answer",
                    "wrong answer",
                    Preference.ONE,
                    "perception",
                    "count",
                    Map.of("fact", "fact of " + id));
            sb.append(PairSchema.toJson(p, dir.toAbsolutePath())).append('\n');
        }
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** The lines of a JSONL file by id (empty when the file is missing). */
    static Map<String, JsonNode> lines(Path file) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                out.put(n.get("id").asText(), n);
            }
        }
        return out;
    }

    /** The ids of a JSONL file, in file order, duplicates kept. */
    static List<String> ids(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line).get("id").asText());
            }
        }
        return out;
    }
}
