package dev.verdict.cli.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Running worker processes: their output is forwarded line by line with a {@code [rank N]} prefix; the first
 * worker that exits non-zero (or dies) stops the others. {@link #terminate} asks politely (SIGTERM), then
 * forcibly after a grace period.
 */
final class WorkerGroup {
    /**
     * How the group ended.
     *
     * @param failedRank the first rank that exited non-zero, or -1 when every worker exited 0
     * @param exitCode that rank's exit code (0 when none failed)
     */
    record Outcome(int failedRank, int exitCode) {
        boolean ok() {
            return failedRank < 0;
        }
    }

    /**
     * One started worker.
     *
     * @param rank its global rank
     * @param process the OS process
     * @param pumps the threads forwarding its stdout and stderr
     */
    record Worker(int rank, Process process, List<Thread> pumps) {}

    private final List<Worker> workers = new ArrayList<>();
    private final BlockingQueue<Worker> exits = new LinkedBlockingQueue<>();

    private WorkerGroup() {}

    /** Starts every worker; if one cannot start, stops those already running and rethrows. */
    static WorkerGroup start(List<WorkerSpec> specs, PrintWriter out, PrintWriter err, Duration grace) {
        WorkerGroup g = new WorkerGroup();
        try {
            for (WorkerSpec s : specs) {
                ProcessBuilder pb = new ProcessBuilder(s.command());
                pb.environment().putAll(s.env());
                Process p = pb.start();
                p.getOutputStream().close();
                String prefix = "[rank " + s.rank() + "] ";
                List<Thread> pumps =
                        List.of(pump(p.getInputStream(), out, prefix), pump(p.getErrorStream(), err, prefix));
                Worker w = new Worker(s.rank(), p, pumps);
                g.workers.add(w);
                p.onExit().thenRun(() -> g.exits.add(w));
            }
        } catch (IOException | RuntimeException e) {
            g.terminate(grace);
            throw e instanceof IOException io
                    ? new UncheckedIOException("cannot start a worker: " + e.getMessage(), io)
                    : (RuntimeException) e;
        }
        return g;
    }

    List<Worker> workers() {
        return workers;
    }

    /** Blocks until every worker exited 0 or one failed; after a failure the others are terminated. */
    Outcome await(Duration grace) throws InterruptedException {
        for (int left = workers.size(); left > 0; left--) {
            Worker w = exits.take();
            int code = w.process().exitValue();
            drain(w);
            if (code != 0) {
                terminate(grace);
                return new Outcome(w.rank(), code);
            }
        }
        return new Outcome(-1, 0);
    }

    /** SIGTERM to every live worker (and its children), SIGKILL to those still alive after {@code grace}. */
    void terminate(Duration grace) {
        for (Worker w : workers) {
            w.process().descendants().forEach(ProcessHandle::destroy);
            w.process().destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Worker w : workers) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!w.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    w.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    w.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                w.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
            drain(w);
        }
    }

    private static void drain(Worker w) {
        for (Thread t : w.pumps()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread pump(InputStream in, PrintWriter to, String prefix) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (to) {
                                to.println(prefix + line);
                                to.flush();
                            }
                        }
                    } catch (IOException e) {
                        // the worker is gone; nothing more to forward
                    }
                },
                "launch-output " + prefix.trim());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
