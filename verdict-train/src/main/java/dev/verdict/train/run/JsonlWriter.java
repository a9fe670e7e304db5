package dev.verdict.train.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends one JSON object per line and flushes it, so a crash loses at most the line being written. */
public final class JsonlWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    /** Opens {@code file} for appending; parent folders are created. */
    public JsonlWriter(Path file) {
        this(file, true);
    }

    /** Opens {@code file} for appending ({@code append}) or from empty; parent folders are created. */
    public JsonlWriter(Path file, boolean append) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = append
                    ? Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes one record; non-finite doubles are written as null (JSON has no NaN). */
    public synchronized void write(Map<String, ?> record) {
        String json;
        try {
            json = JSON.writeValueAsString(sanitize(record));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise a record for " + file + ": " + e.getMessage(), e);
        }
        writeLine(json);
    }

    /** The file written. */
    public Path path() {
        return file;
    }

    /** Writes one JSON record as it is. */
    public synchronized void write(JsonNode record) {
        writeLine(record.toString());
    }

    private void writeLine(String json) {
        try {
            out.write(json);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> sanitize(Map<String, ?> record) {
        Map<String, Object> m = new LinkedHashMap<>();
        record.forEach((k, v) -> m.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        return m;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
