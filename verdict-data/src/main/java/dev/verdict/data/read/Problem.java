package dev.verdict.data.read;

/**
 * One problem found in a data file, located by file and line (JSONL / JSON) or row index (Parquet).
 *
 * @param file the file as given
 * @param location 1-based line number, or 0-based row index for Parquet
 * @param locationKind {@code line} or {@code row}
 * @param field the offending field, or empty when the whole row is at fault
 * @param message what is wrong
 * @param severity ERROR makes the row bad; WARNING is reported but the row is kept
 */
public record Problem(
        String file, long location, String locationKind, String field, String message, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** {@code file:line: field: message} (the form editors and CI logs link). */
    @Override
    public String toString() {
        String where = locationKind.equals("line") ? file + ":" + location : file + " row " + location;
        String tag = severity == Severity.WARNING ? "warning: " : "";
        return where + ": " + tag + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
