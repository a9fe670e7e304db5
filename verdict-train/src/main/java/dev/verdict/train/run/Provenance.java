package dev.verdict.train.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run came from: the verdict version and git commit (the launcher exports {@code VERDICT_GIT_SHA}), the
 * JVM, the date, and the sha256 of every data file it read.
 */
public final class Provenance {
    private Provenance() {}

    /** Facts about this process and the given data files. */
    public static Map<String, String> collect(List<Path> dataFiles) {
        Map<String, String> p = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        p.put("verdict_version", version == null ? "dev" : version);
        p.put("git_sha", System.getenv().getOrDefault("VERDICT_GIT_SHA", "unknown"));
        p.put("java", Runtime.version().toString());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("date", Instant.now().toString());
        for (Path f : dataFiles) {
            p.put("data_sha256:" + f.getFileName(), sha256(f));
        }
        return p;
    }

    /** The hex sha256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
