package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A JSONL file written one flushed line per record, safe to call from several threads. */
final class JsonlSink implements AutoCloseable {
    private final Path path;
    private final BufferedWriter writer;
    private int lines;

    /** Opens {@code path} for appending ({@code append}) or from empty; parent folders are created. */
    JsonlSink(Path path, boolean append) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.writer = append
                ? Files.newBufferedWriter(
                        path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    synchronized void write(JsonNode record) {
        try {
            writer.write(record.toString());
            writer.write('\n');
            writer.flush();
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Lines written through this sink. */
    synchronized int lines() {
        return lines;
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
