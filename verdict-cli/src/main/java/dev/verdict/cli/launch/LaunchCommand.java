package dev.verdict.cli.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verdict launch --nproc N [...] -- <verdict command>}: starts N worker JVMs on this node, each running the
 * given verdict command with the torchrun variables of its rank, like {@code torchrun} does for Python. Output
 * lines carry a {@code [rank N]} prefix. When a worker exits non-zero or dies, the others are stopped and the
 * launcher exits with that worker's code; Ctrl-C or SIGTERM stops every worker too.
 */
@Command(
        name = "launch",
        mixinStandardHelpOptions = true,
        description = {
            "Run a verdict command as N data-parallel workers on this node (torchrun-style RANK, WORLD_SIZE,"
                    + " LOCAL_RANK, MASTER_ADDR, MASTER_PORT).",
            "In the worker arguments {rank}, {local_rank} and {world_size} are replaced per worker,"
                    + " e.g. --out runs/x-{rank}."
        })
public final class LaunchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nproc", required = true, description = "Workers on this node (one per GPU).")
    int nproc;

    @Option(names = "--nnodes", defaultValue = "1", description = "Nodes in the job (default: ${DEFAULT-VALUE}).")
    int nnodes;

    @Option(names = "--node-rank", defaultValue = "0", description = "This node's index (default: ${DEFAULT-VALUE}).")
    int nodeRank;

    @Option(
            names = "--master-addr",
            defaultValue = "127.0.0.1",
            description = "Host of rank 0, reachable from every node (default: ${DEFAULT-VALUE}).")
    String masterAddr;

    @Option(
            names = "--master-port",
            description = "Rendezvous port on rank 0's host (default: a free port; required with --nnodes > 1).")
    Integer masterPort;

    @Option(
            names = "--main",
            defaultValue = "dev.verdict.cli.VerdictCli",
            description = "Java main class the workers run (default: ${DEFAULT-VALUE}).")
    String mainClass;

    @Option(
            names = "--grace-seconds",
            defaultValue = "10",
            description = "How long stopping workers get before they are killed (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Parameters(
            arity = "1..*",
            paramLabel = "COMMAND",
            description = "The worker's arguments: everything after -- or after the first non-option.")
    List<String> args;

    @Override
    public Integer call() throws InterruptedException {
        WorkerSpec.Layout layout = layout();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration grace = Duration.ofSeconds(graceSeconds);
        List<WorkerSpec> specs = WorkerSpec.forNode(layout, mainClass, args);
        WorkerGroup group = WorkerGroup.start(specs, out, err, grace);
        Thread hook = new Thread(() -> group.terminate(grace), "launch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (WorkerGroup.Worker w : group.workers()) {
                err.printf(
                        "launch: rank %d of %d started (pid %d)%n",
                        w.rank(), layout.worldSize(), w.process().pid());
            }
            err.flush();
            WorkerGroup.Outcome outcome = group.await(grace);
            if (outcome.ok()) {
                return 0;
            }
            err.printf(
                    "error: rank %d exited with code %d; stopped the other workers%n",
                    outcome.failedRank(), outcome.exitCode());
            err.flush();
            return outcome.exitCode() > 0 && outcome.exitCode() < 256 ? outcome.exitCode() : 1;
        } finally {
            group.terminate(grace);
            removeHook(hook);
        }
    }

    private WorkerSpec.Layout layout() {
        if (nproc < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nproc must be >= 1");
        }
        if (nnodes < 1 || nodeRank < 0 || nodeRank >= nnodes) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--node-rank must be in [0, --nnodes=" + nnodes + ")");
        }
        if (masterPort == null && nnodes > 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--master-port is required with --nnodes > 1 (the same on every node)");
        }
        int port = masterPort != null ? masterPort : freePort();
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--master-port must be in [1, 65535]");
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / nproc);
        return new WorkerSpec.Layout(nproc, nnodes, nodeRank, masterAddr, port, threads);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the rendezvous", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is already running
        }
    }
}
