package dev.verdict.data.validate;

import dev.verdict.data.read.Layout;
import dev.verdict.data.read.Problem;
import java.util.List;
import java.util.Map;

/**
 * What {@link DataValidator} found in one file.
 *
 * @param file the file
 * @param layout the layout read
 * @param records records in the file
 * @param badRows records with at least one ERROR
 * @param labels label counts: "1", "2", "unknown"
 * @param categories per category: pairs, and how many prefer response 1
 * @param subsets pairs per subset
 * @param images image checks: referenced, checked, missing, unreadable, oversized
 * @param duplicateIds ids that occur more than once
 * @param tokenPercentiles prompt token counts (p50, p90, p99, max) when a tokenizer was given, else empty
 * @param problems every problem, in file order
 */
public record ValidationReport(
        String file,
        Layout layout,
        long records,
        long badRows,
        Map<String, Long> labels,
        Map<String, long[]> categories,
        Map<String, Long> subsets,
        Map<String, Long> images,
        long duplicateIds,
        Map<String, Long> tokenPercentiles,
        List<Problem> problems) {

    /** Whether every record is good (warnings allowed). */
    public boolean ok() {
        return badRows == 0;
    }

    public long warnings() {
        return problems.stream()
                .filter(p -> p.severity() == Problem.Severity.WARNING)
                .count();
    }
}
