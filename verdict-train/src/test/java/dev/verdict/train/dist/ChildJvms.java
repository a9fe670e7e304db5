package dev.verdict.train.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child JVM per rank running a main class of the test classpath, with the torchrun variables set,
 * and collects each one's exit code and output. Children are always destroyed by {@link #close()}.
 */
final class ChildJvms implements AutoCloseable {
    /**
     * One finished rank.
     *
     * @param code exit code, or -1 when it did not finish in time
     * @param output stdout and stderr together
     */
    record Result(int code, String output) {}

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** Starts {@code world} ranks of {@code mainClass} with {@code args} and extra environment variables. */
    static ChildJvms start(Path dir, int world, Class<?> mainClass, Map<String, String> extraEnv, String... args)
            throws IOException {
        return startRanks(dir, world, world, mainClass, extraEnv, args);
    }

    /** Starts only ranks {@code 0 .. count-1} of a world of {@code world} (the others never show up). */
    static ChildJvms startRanks(
            Path dir, int world, int count, Class<?> mainClass, Map<String, String> extraEnv, String... args)
            throws IOException {
        ChildJvms jvms = new ChildJvms();
        int port = freePort();
        try {
            for (int r = 0; r < count; r++) {
                List<String> cmd = new ArrayList<>(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        mainClass.getName()));
                cmd.addAll(List.of(args));
                Path log = dir.resolve("rank" + r + ".log");
                ProcessBuilder pb =
                        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
                Map<String, String> env = pb.environment();
                env.put("RANK", Integer.toString(r));
                env.put("LOCAL_RANK", Integer.toString(r));
                env.put("WORLD_SIZE", Integer.toString(world));
                env.put("MASTER_ADDR", "127.0.0.1");
                env.put("MASTER_PORT", Integer.toString(port));
                env.put("OMP_WAIT_POLICY", "PASSIVE");
                env.put("OMP_NUM_THREADS", "1");
                env.putAll(extraEnv);
                jvms.logs.add(log);
                jvms.processes.add(pb.start());
            }
        } catch (IOException | RuntimeException e) {
            jvms.close();
            throw e;
        }
        return jvms;
    }

    /** Waits for rank {@code r} up to {@code seconds}. */
    Result await(int r, long seconds) throws InterruptedException {
        Process p = processes.get(r);
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        try {
            return new Result(done ? p.exitValue() : -1, Files.readString(logs.get(r)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process(int r) {
        return processes.get(r);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
