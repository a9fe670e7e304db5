package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillCurateCommandTest {
    @TempDir
    Path dir;

    @Test
    void distillWithTheSyntheticTeacherThenCurate() throws Exception {
        Path w = dir.resolve("w");
        CliRun synth = CliRun.of("synth", "--out", w.toString(), "--train", "6", "--test", "2", "--pretrain", "2");
        assertEquals(0, synth.code(), synth.err());
        String data = w.resolve("train.jsonl").toString();
        String cold = dir.resolve("cold.jsonl").toString();

        CliRun d = CliRun.of("distill", "--teacher", "synthetic", "--data", data, "--out", cold);
        assertEquals(0, d.code(), d.out() + d.err());
        assertTrue(d.out().contains("right after attempts  1: 6"), d.out());
        assertTrue(d.out().contains("kept                  6"), d.out());
        assertTrue(d.err().contains("distill 6/6"), d.err());
        assertEquals(6, Files.readAllLines(Path.of(cold)).size());

        CliRun again = CliRun.of("distill", "--teacher", "synthetic", "--data", data, "--out", cold);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists; pass --resume"), again.err());
        CliRun resumed = CliRun.of("distill", "--teacher", "synthetic", "--data", data, "--out", cold, "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("6 skipped"), resumed.out());

        String failed = dir.resolve("cold.failed.jsonl").toString();
        String rl = dir.resolve("rl.jsonl").toString();
        CliRun c = CliRun.of("curate", "--from-attempts", "--data", cold, "--data", failed, "--out", rl);
        assertEquals(0, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("kept                  0"), c.out());

        // the "first" baseline is right on label-1 pairs at once and never on label-2 pairs: those are kept
        String hard = dir.resolve("hard.jsonl").toString();
        CliRun j = CliRun.of("curate", "--judge", "first", "--data", data, "--k", "2", "--out", hard);
        assertEquals(0, j.code(), j.out() + j.err());
        assertTrue(j.out().contains("failed every attempt  3"), j.out());
        assertEquals(3, Files.readAllLines(Path.of(hard)).size());
    }

    @Test
    void clearErrorsForABadTeacherOrSource() {
        CliRun t = CliRun.of("distill", "--teacher", "nowhere", "--data", "x.jsonl", "--out", "y.jsonl");
        assertEquals(1, t.code());
        assertTrue(t.err().contains("--teacher must be 'synthetic'"), t.err());
        CliRun c = CliRun.of("curate", "--data", "x.jsonl", "--out", "y.jsonl");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("exactly one of --from-attempts, --model, --judge-url or --judge"), c.err());
    }
}
