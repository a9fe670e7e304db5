package dev.verdict.data.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads the records of a JSONL, JSON-array or Parquet file, reporting unparseable ones as problems instead of
 * dropping them. The format comes from the extension ({@code .jsonl}/{@code .ndjson}, {@code .json},
 * {@code .parquet}); a {@code .json} file whose first character is not {@code [} is read as JSONL.
 */
public final class RecordSource {
    static final ObjectMapper JSON = new ObjectMapper();

    private RecordSource() {}

    /** Sends every record of {@code file} to {@code records} and every unreadable one to {@code problems}. */
    public static void read(Path file, Consumer<RawRecord> records, Consumer<Problem> problems) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            ParquetSource.read(file, records, problems);
        } else if (name.endsWith(".json") && firstNonSpace(file) == '[') {
            readArray(file, records, problems);
        } else {
            readLines(file, records, problems);
        }
    }

    private static int firstNonSpace(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) >= 0) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c;
                }
            }
            return -1;
        }
    }

    private static void readLines(Path file, Consumer<RawRecord> records, Consumer<Problem> problems)
            throws IOException {
        String f = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    if (!node.isObject()) {
                        problems.accept(new Problem(f, n, "line", "", "not a JSON object", Problem.Severity.ERROR));
                    } else {
                        records.accept(new RawRecord(f, n, "line", node));
                    }
                } catch (JsonProcessingException e) {
                    problems.accept(new Problem(
                            f, n, "line", "", "invalid JSON: " + e.getOriginalMessage(), Problem.Severity.ERROR));
                }
            }
        } catch (MalformedInputException e) {
            problems.accept(new Problem(f, 0, "line", "", "not UTF-8 text", Problem.Severity.ERROR));
        }
    }

    private static void readArray(Path file, Consumer<RawRecord> records, Consumer<Problem> problems)
            throws IOException {
        String f = file.toString();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                problems.accept(new Problem(f, 1, "line", "", "expected a JSON array", Problem.Severity.ERROR));
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                long line = p.currentTokenLocation().getLineNr();
                JsonNode node = JSON.readTree(p);
                if (node == null || !node.isObject()) {
                    problems.accept(new Problem(
                            f, line, "line", "", "array element is not a JSON object", Problem.Severity.ERROR));
                } else {
                    records.accept(new RawRecord(f, line, "line", node));
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.accept(new Problem(
                    f,
                    line,
                    "line",
                    "",
                    "invalid JSON (reading stopped here): " + e.getOriginalMessage(),
                    Problem.Severity.ERROR));
        }
    }
}
