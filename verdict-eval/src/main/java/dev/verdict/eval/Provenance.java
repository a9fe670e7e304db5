package dev.verdict.eval;

import dev.verdict.hash.Sha256;
import java.io.IOException;
import java.time.Instant;

/**
 * Where a metrics file came from.
 *
 * @param version verdict version
 * @param dataSha256 sha256 of the data file, hex
 * @param date when the metrics were computed (UTC, ISO-8601)
 * @param dataRecords records in the data file
 * @param dataProblems records that could not be read (reported, not judged)
 * @param items items judged (after --limit)
 */
public record Provenance(
        String version, String dataSha256, String date, long dataRecords, int dataProblems, int items) {

    /** Provenance for a loaded benchmark, dated now. */
    public static Provenance of(String version, EvalConfig config, BenchLoader.Loaded loaded) throws IOException {
        return new Provenance(
                version,
                Sha256.file(config.data()),
                Instant.now().toString(),
                loaded.records(),
                loaded.problems().size(),
                loaded.items().size());
    }
}
