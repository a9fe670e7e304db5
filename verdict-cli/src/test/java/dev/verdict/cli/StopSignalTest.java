package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.checkpoint.TrainerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM (what {@code kill} and a scheduler send; Ctrl-C's SIGINT takes the same path) stops a training run in a
 * separate JVM at the next step boundary: a resumable checkpoint of that step is written, the exit is the
 * signal's (143) instead of a native crash, and no hs_err file is left behind.
 */
class StopSignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sft", "rl"})
    void sigtermStopsTrainingAtAStepBoundaryWithACheckpoint(String stage) throws Exception {
        CliRun.worldAndTinyModel(dir.resolve("world"), dir.resolve("base"), "--train", "16", "--test", "2");
        Path run = dir.resolve("run");
        Path log = dir.resolve("child.log");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                VerdictCli.class.getName()));
        cmd.addAll(CliRun.trainArgs(stage, dir, run, 2, "run.save_every=0", "run.threads=1", "train.steps=100000"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        try {
            Path metrics = run.resolve("metrics.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (lines(metrics) < 3) {
                assertTrue(child.isAlive(), "the run ended early: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no steps within 180 s: " + Files.readString(log));
                Thread.sleep(100);
            }
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run did not stop: " + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(128 + 15, child.exitValue(), out);
        assertTrue(out.contains("stop requested"), out);
        assertTrue(out.contains("stopped: train " + stage + " stopped after step "), out);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "a native crash: " + out);
        }
        Path last = Checkpoints.latest(run).orElseThrow(() -> new AssertionError("no checkpoint: " + out));
        TrainerState state = Checkpoints.state(last);
        assertTrue(state.step() >= 3, "checkpoint at step " + state.step());
        assertEquals(state.step(), lines(run.resolve("metrics.jsonl")), "the checkpoint is of the last step logged");
        assertTrue(out.contains("after step " + state.step() + " of 100000"), out);
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> s = Files.lines(file)) {
            return s.filter(l -> l.endsWith("}")).count();
        }
    }
}
