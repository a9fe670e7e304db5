package dev.verdict.cli.launch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.cli.VerdictCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LaunchCommandTest {
    private static final Pattern STARTED = Pattern.compile("rank (\\d+) of \\d+ started \\(pid (\\d+)\\)");

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one in-process {@code verdict} run. */
    private record Run(int code, String out, String err) {}

    private static Run verdict(String... args) {
        CommandLine cli = VerdictCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void workersGetTheirRankVariablesAndPrefixedOutput() {
        Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> verdict(
                        "launch",
                        "--nproc",
                        "2",
                        "--main",
                        TestWorker.class.getName(),
                        "--",
                        "env",
                        "x{rank}of{world_size}"));
        assertEquals(0, r.code(), r.err());
        for (int k = 0; k < 2; k++) {
            assertTrue(
                    r.out()
                            .contains("[rank " + k + "] RANK=" + k + " WORLD_SIZE=2 LOCAL_RANK=" + k
                                    + " MASTER_ADDR=127.0.0.1 OMP_WAIT_POLICY=PASSIVE arg=x" + k + "of2"),
                    r.out());
            assertTrue(r.err().contains("[rank " + k + "] stderr line of " + k), r.err());
        }
    }

    @Test
    void runsARealSubcommandPerRank() throws Exception {
        Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(90),
                () -> verdict(
                        "launch",
                        "--nproc",
                        "2",
                        "synth", // no --: everything from the first positional on is the worker's
                        "--out",
                        dir.resolve("w{rank}").toString(),
                        "--train",
                        "4",
                        "--test",
                        "2"));
        assertEquals(0, r.code(), r.out() + r.err());
        for (int k = 0; k < 2; k++) {
            Path w = dir.resolve("w" + k);
            assertTrue(Files.isDirectory(w) && Files.list(w).findAny().isPresent(), "rank " + k + " wrote " + w);
        }
        Run v = verdict("launch", "--nproc", "2", "--", "--version");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("[rank 0] ") && v.out().contains("[rank 1] "), v.out());
    }

    @Test
    void aFailingWorkerStopsTheOthersAndTheLaunchFails() {
        Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> verdict(
                        "launch",
                        "--nproc",
                        "3",
                        "--grace-seconds",
                        "5",
                        "--main",
                        TestWorker.class.getName(),
                        "--",
                        "fail-at",
                        "1",
                        "7"));
        assertEquals(7, r.code(), r.err());
        assertTrue(r.err().contains("error: rank 1 exited with code 7"), r.err());
        assertTrue(r.err().contains("[rank 1] rank 1 fails"), r.err());
        List<Long> pids = pids(r.err());
        assertEquals(3, pids.size(), r.err());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " left");
        }
    }

    @Test
    void sigtermToTheLauncherStopsEveryWorker() throws Exception {
        List<String> cmd = new ArrayList<>(WorkerSpec.javaPrefix());
        cmd.addAll(List.of(
                VerdictCli.class.getName(),
                "launch",
                "--nproc",
                "2",
                "--grace-seconds",
                "5",
                "--main",
                TestWorker.class.getName(),
                "--",
                "sleep"));
        Process launcher = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try {
            StringBuilder seen = new StringBuilder();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(), UTF_8));
                for (String line; pids.size() < 2 && (line = r.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    pids.addAll(pids(line));
                }
            });
            assertEquals(2, pids.size(), seen.toString());
            launcher.destroy(); // SIGTERM: the shutdown hook stops the workers
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher exits");
            assertTrue(launcher.exitValue() != 0, "stopped by a signal");
            for (long pid : pids) {
                ProcessHandle.of(pid)
                        .ifPresent(
                                h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " left");
            }
        } finally {
            launcher.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void badLayoutsAreUsageErrors() {
        Run r = verdict("launch", "--nproc", "2", "--nnodes", "2", "--node-rank", "1", "--", "--version");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--master-port is required"), r.err());
        assertEquals(2, verdict("launch", "--nproc", "0", "--", "--version").code());
    }

    private static List<Long> pids(String log) {
        List<Long> out = new ArrayList<>();
        Matcher m = STARTED.matcher(log);
        while (m.find()) {
            out.add(Long.parseLong(m.group(2)));
        }
        return out;
    }
}
