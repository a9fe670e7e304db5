package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.PairSchema;
import dev.verdict.data.read.PairReader;
import dev.verdict.data.read.Problem;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading the labelled input of distill and curate, and the bookkeeping of their JSONL outputs. */
final class PairFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;
    /** RunProvenance the reader adds to every pair; it names the input, so it is not written to the output. */
    private static final Set<String> READER_KEYS = Set.of("file", "line", "row");

    private PairFiles() {}

    /** A labelled pair and where it was read ({@code file:line}). */
    record Item(PairExample pair, String where) {}

    /**
     * The pairs of {@code file}, at most {@code limit} (0 = all), each labelled and with a unique id; any
     * unreadable row, unlabelled pair or repeated id is an error naming the file and line.
     */
    static List<Item> readLabelled(Path file, int limit) throws IOException {
        PairReader.Result r = PairReader.read(file, ReadOptions.defaults());
        if (!r.problems().isEmpty()) {
            throw new IllegalArgumentException(listed(
                    r.problems().size() + " unreadable row(s) in " + file,
                    r.problems().stream().map(Problem::toString).toList()));
        }
        List<Item> items = r.rows().stream()
                .map(row -> new Item(
                        row.pair(),
                        row.origin().file() + ":" + row.origin().locationKind() + " "
                                + row.origin().location()))
                .toList();
        if (limit > 0 && items.size() > limit) {
            items = items.subList(0, limit);
        }
        List<String> unlabelled = items.stream()
                .filter(i -> i.pair().preferred() == Preference.UNKNOWN)
                .map(i -> i.where() + " (id " + i.pair().id() + ")")
                .toList();
        if (!unlabelled.isEmpty()) {
            throw new IllegalArgumentException(listed(
                    unlabelled.size() + " pair(s) without a label (field preferred) in " + file
                            + "; attempts are counted against the label",
                    unlabelled));
        }
        Map<String, String> seen = new HashMap<>();
        for (Item i : items) {
            String before = seen.putIfAbsent(i.pair().id(), i.where());
            if (before != null) {
                throw new IllegalArgumentException("duplicate id '" + i.pair().id() + "' at " + before + " and "
                        + i.where() + " (ids must be unique: resuming skips ids already written)");
            }
        }
        return items;
    }

    /** The pair as a line of our schema, images relative to {@code out}'s folder, reader provenance dropped. */
    static ObjectNode toJson(PairExample pair, Path out) {
        Map<String, String> kept = new LinkedHashMap<>(pair.source());
        kept.keySet().removeAll(READER_KEYS);
        PairExample clean = new PairExample(
                pair.id(),
                pair.groupId(),
                pair.images(),
                pair.question(),
                pair.response1(),
                pair.response2(),
                pair.preferred(),
                pair.category(),
                pair.subset(),
                kept);
        return PairSchema.toJson(clean, out.toAbsolutePath().getParent());
    }

    /** The {@code meta} object of a line made by {@link #toJson}. */
    static ObjectNode meta(ObjectNode line) {
        return (ObjectNode) line.get(PairSchema.META);
    }

    /**
     * Rewrites a finished output so its lines follow the input's order ({@code items}), whatever order concurrent
     * judging wrote them in; the file is replaced atomically. Lines whose id is not among the items keep their
     * relative order at the end.
     */
    static void sortLikeInput(Path file, List<Item> items) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            rank.put(items.get(i).pair().id(), i);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
        List<String> sorted = new ArrayList<>(lines);
        Map<String, Integer> keys = new HashMap<>();
        for (String l : lines) {
            JsonNode id = JSON.readTree(l).get(PairSchema.ID);
            keys.put(l, id == null ? Integer.MAX_VALUE : rank.getOrDefault(id.asText(), Integer.MAX_VALUE));
        }
        sorted.sort(Comparator.comparingInt(keys::get));
        replaceLines(file, sorted);
    }

    /** Replaces {@code file} with {@code lines} atomically (a temporary sibling, then a rename). */
    static void replaceLines(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".rewriting");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The ids already in {@code file} (none when it is missing). A last line cut short by a crash is removed
     * first, so the file can be appended to.
     */
    static Set<String> doneIds(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        dropPartialLastLine(file);
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode id;
            try {
                id = JSON.readTree(line).get(PairSchema.ID);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":line " + n + ": not JSON: " + e.getMessage(), e);
            }
            if (id == null || !id.isTextual()) {
                throw new IllegalArgumentException(file + ":line " + n + ": field id: missing or not a string");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static void dropPartialLastLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
    }

    /** Refuses to start over a non-empty output unless resuming. */
    static void checkFresh(Path out, boolean resume) {
        try {
            if (!resume && Files.exists(out) && Files.size(out) > 0) {
                throw new IllegalArgumentException(
                        out + " already exists; pass --resume to continue it, or remove it to start again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code out} with its {@code .jsonl} extension replaced by {@code suffix} ({@code .failed.jsonl}). */
    static Path sibling(Path out, String suffix) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return out.resolveSibling(stem + suffix);
    }

    private static String listed(String head, List<String> entries) {
        String shown = entries.stream().limit(SHOWN).collect(Collectors.joining("\n  "));
        return head + ":\n  " + shown + (entries.size() > SHOWN ? "\n  ..." : "");
    }
}
