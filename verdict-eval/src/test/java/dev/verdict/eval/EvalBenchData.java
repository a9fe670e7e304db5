package dev.verdict.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark text at {@code <repo root>/../shared/benchmark_data}; tests skip without it. */
final class EvalBenchData {
    private EvalBenchData() {}

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no repository root (mvnw) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The file {@code rel} under the benchmark folder, or a skipped test when it is absent. */
    static Path file(String rel) {
        Path f = repoRoot().resolve("../shared/benchmark_data").resolve(rel).normalize();
        assumeTrue(Files.isRegularFile(f), "benchmark text not present: " + f);
        return f;
    }

    static Path vlHf() {
        return file("vl_rewardbench/vl_rewardbench_hf_format.json");
    }

    static Path vlR1() {
        return file("vl_rewardbench/vl_rewardbench_r1reward_format.jsonl");
    }

    static Path mmRlhf() {
        return file("mm_rlhf_rewardbench/mm_reward_bench.jsonl");
    }
}
