package dev.verdict.train.run;

import dev.verdict.hash.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run came from: the verdict version and git commit (the launcher exports {@code VERDICT_GIT_SHA}), the
 * JVM, the date, and the sha256 of every data file it read.
 */
public final class RunProvenance {
    private RunProvenance() {}

    /** Facts about this process and the given data files. */
    public static Map<String, String> collect(List<Path> dataFiles) {
        Map<String, String> p = new LinkedHashMap<>();
        String version = RunProvenance.class.getPackage().getImplementationVersion();
        p.put("verdict_version", version == null ? "dev" : version);
        p.put("git_sha", System.getenv().getOrDefault("VERDICT_GIT_SHA", "unknown"));
        p.put("java", Runtime.version().toString());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("date", Instant.now().toString());
        for (Path f : dataFiles) {
            p.put("data_sha256:" + f.getFileName(), Sha256.file(f));
        }
        return p;
    }
}
