package dev.verdict.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code OUT/run.json}: the options that decide the recorded judgments (benchmark, data file hash, judge, votes,
 * temperature, max tokens, order, categories, blind, seed). A resume with different values would mix
 * incomparable judgments in one items.jsonl, so it is refused. Options that only change how judgments are
 * scored ({@code --invalid}, {@code --tie}) or how many are judged ({@code --limit}, {@code --concurrency}) may
 * change between resumes: metrics are recomputed from all lines.
 */
public final class RunManifest {
    private RunManifest() {}

    /** The file name in the output folder. */
    public static final String FILE = "run.json";

    /** The manifest of {@code config} for a data file with hash {@code dataSha256}. */
    static ObjectNode of(EvalConfig config, String dataSha256) {
        ObjectNode o = ItemsFile.JSON.createObjectNode();
        o.put("bench", config.bench().cliName());
        o.put("data_sha256", dataSha256);
        o.put("judge", config.judge());
        o.put("votes", config.votes());
        o.put("temperature", config.temperature());
        o.put("max_tokens", config.maxTokens());
        o.put("order", config.order().cliName());
        o.put("categories", config.categories().name().toLowerCase(Locale.ROOT));
        o.put("blind", config.blind().on());
        if (config.blind().on()) {
            o.put("blind_image", config.blind().label());
        }
        o.put("seed", config.seed());
        return o;
    }

    /** Writes the manifest, or on resume checks it against the one already in {@code out}. */
    static void check(Path out, ObjectNode manifest, boolean resume) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve(FILE);
        if (resume && Files.exists(file)) {
            JsonNode old = ItemsFile.JSON.readTree(file.toFile());
            List<String> diff = new ArrayList<>();
            manifest.properties().forEach(e -> {
                if (!e.getValue().toString().equals(String.valueOf(old.get(e.getKey())))) {
                    diff.add(e.getKey() + ": was " + old.get(e.getKey()) + ", now " + e.getValue());
                }
            });
            if (!diff.isEmpty()) {
                throw new IOException(
                        file + ": cannot resume with different options (" + String.join("; ", diff) + ")");
            }
            return;
        }
        Path items = out.resolve(EvalRunner.ITEMS);
        if (!resume && Files.exists(items) && Files.size(items) > 0) {
            throw new IOException(
                    items + " already exists: pass --resume to continue that run or choose another --out");
        }
        Files.writeString(file, ItemsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    }
}
