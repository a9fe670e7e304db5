package dev.verdict.data.read;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as read from a file, before layout mapping.
 *
 * @param file the file as given
 * @param location 1-based line (JSONL, JSON) or 0-based row index (Parquet)
 * @param locationKind {@code line} or {@code row}
 * @param node the record as JSON (Parquet binary columns become {@code {"bytes": base64}} objects)
 */
public record RawRecord(String file, long location, String locationKind, JsonNode node) {

    /** A problem at this record. */
    public Problem error(String field, String message) {
        return new Problem(file, location, locationKind, field, message, Problem.Severity.ERROR);
    }

    /** A warning at this record. */
    public Problem warning(String field, String message) {
        return new Problem(file, location, locationKind, field, message, Problem.Severity.WARNING);
    }
}
