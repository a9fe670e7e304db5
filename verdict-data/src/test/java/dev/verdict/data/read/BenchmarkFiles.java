package dev.verdict.data.read;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark text files ({@code <repo root>/../shared/benchmark_data}); null when absent. */
final class BenchmarkFiles {
    private BenchmarkFiles() {}

    static Path file(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // the module folder's parent is the repository root; shared/ sits beside the repository
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = d.resolve("shared/benchmark_data").resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("verdict-core"))) {
                Path beside = d.getParent() == null
                        ? null
                        : d.getParent().resolve("shared/benchmark_data").resolve(relative);
                return beside != null && Files.isRegularFile(beside) ? beside : null;
            }
        }
        return null;
    }
}
