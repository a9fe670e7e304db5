package dev.verdict.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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
                sha256(config.data()),
                Instant.now().toString(),
                loaded.records(),
                loaded.problems().size(),
                loaded.items().size());
    }

    /** The hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
