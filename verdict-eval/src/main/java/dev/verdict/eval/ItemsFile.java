package dev.verdict.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.judge.Choice;
import dev.verdict.judge.Preference;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and appends {@code items.jsonl}: one JSON object per line, append-only, flushed after every line so an
 * interrupted run loses at most the line being written. Votes are written as 1, 2 or 0 (invalid).
 */
public final class ItemsFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ItemsFile.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    private ItemsFile(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Opens {@code file} for appending (created if missing), after {@link #repairTail} has run. */
    public static ItemsFile append(Path file) throws IOException {
        repairTail(file);
        return new ItemsFile(Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Appends one line and flushes it; thread-safe. */
    public synchronized void write(ItemRecord r) {
        try {
            writer.write(JSON.writeValueAsString(toJson(r)));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to items.jsonl: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /**
     * Cuts a partial last line (no trailing newline: the run was interrupted mid-write) so appends start on a
     * fresh line. The lost line is logged; its item is judged again.
     */
    static void repairTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        if (all[all.length - 1] == '\n') {
            return;
        }
        int cut = all.length - 1;
        while (cut >= 0 && all[cut] != '\n') {
            cut--;
        }
        LOG.warn(
                "{}: dropping a partial last line of {} bytes (interrupted write); that item is judged again",
                file,
                all.length - cut - 1);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut + 1L);
        }
    }

    /**
     * Reads every complete line; a later line for the same (row, order) replaces an earlier one (a retried
     * error). A partial last line is ignored; any other unreadable line is an error naming the file and line.
     */
    public static List<ItemRecord> read(Path file) throws IOException {
        Map<String, ItemRecord> byKey = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (line.isBlank() || last) {
                continue; // after the final newline, or a partial line cut by an interruption
            }
            try {
                ItemRecord r = fromJson(JSON.readTree(line));
                byKey.remove(r.key());
                byKey.put(r.key(), r);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ":" + (i + 1) + ": unreadable item line: " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    static ObjectNode toJson(ItemRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("row", r.row());
        o.put("id", r.id());
        o.put("group", r.group());
        o.put("category", r.category());
        o.put("column", r.column());
        o.put("order", r.order());
        o.put("swapped", r.swapped());
        o.put("label", r.label().position());
        ArrayNode votes = o.putArray("votes");
        r.votes().forEach(v -> votes.add(v.position()));
        ArrayNode valid = o.putArray("format_valid");
        r.formatValid().forEach(valid::add);
        o.put("choice", r.choice().position());
        o.put("correct", r.correct());
        o.put("reasoning", r.reasoning());
        ArrayNode raw = o.putArray("raw");
        r.raw().forEach(raw::add);
        o.put("latency_ms", r.latencyMs());
        if (r.error() == null) {
            o.putNull("error");
        } else {
            o.put("error", r.error());
        }
        return o;
    }

    static ItemRecord fromJson(JsonNode o) {
        List<Choice> votes = new ArrayList<>();
        field(o, "votes").forEach(v -> votes.add(choice(v.asInt())));
        List<Boolean> valid = new ArrayList<>();
        field(o, "format_valid").forEach(v -> valid.add(v.asBoolean()));
        List<String> raw = new ArrayList<>();
        field(o, "raw").forEach(v -> raw.add(v.asText()));
        int label = field(o, "label").asInt();
        return new ItemRecord(
                field(o, "row").asInt(),
                field(o, "id").asText(),
                field(o, "group").asText(),
                field(o, "category").asText(),
                field(o, "column").asText(),
                field(o, "order").asText(),
                field(o, "swapped").asBoolean(),
                label == 0 ? Preference.UNKNOWN : Preference.of(label),
                votes,
                valid,
                choice(field(o, "choice").asInt()),
                field(o, "correct").asBoolean(),
                o.path("reasoning").asText(""),
                raw,
                o.path("latency_ms").asLong(0),
                o.hasNonNull("error") ? o.get("error").asText() : null);
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    private static Choice choice(int position) {
        return switch (position) {
            case 1 -> Choice.ONE;
            case 2 -> Choice.TWO;
            case 0 -> Choice.INVALID;
            default -> throw new IllegalArgumentException("vote must be 0, 1 or 2, got " + position);
        };
    }
}
