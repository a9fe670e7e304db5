package dev.verdict.cli.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one worker: the same java binary, JVM flags and classpath as this JVM, a main class and its
 * arguments, and the torchrun environment variables of its rank.
 *
 * @param rank global rank
 * @param command the full command line
 * @param env variables added to the inherited environment
 */
record WorkerSpec(int rank, List<String> command, Map<String, String> env) {
    WorkerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /**
     * The workers of this node.
     *
     * @param layout ranks and rendezvous address
     * @param mainClass the Java main class each worker runs
     * @param args its arguments, with {@code {rank}}, {@code {local_rank}} and {@code {world_size}} replaced
     */
    static List<WorkerSpec> forNode(Layout layout, String mainClass, List<String> args) {
        List<WorkerSpec> out = new ArrayList<>();
        for (int local = 0; local < layout.nproc(); local++) {
            int rank = layout.rank(local);
            List<String> cmd = new ArrayList<>(javaPrefix());
            cmd.add(mainClass);
            for (String a : args) {
                cmd.add(a.replace("{rank}", Integer.toString(rank))
                        .replace("{local_rank}", Integer.toString(local))
                        .replace("{world_size}", Integer.toString(layout.worldSize())));
            }
            out.add(new WorkerSpec(rank, cmd, layout.environment(local)));
        }
        return out;
    }

    /** java binary, this JVM's flags (minus a debugger agent, whose port would clash) and classpath. */
    static List<String> javaPrefix() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-Xrunjdwp")) {
                cmd.add(flag);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    /**
     * The shape of the job and where rank 0 listens.
     *
     * @param nproc workers on this node
     * @param nnodes nodes
     * @param nodeRank this node's index
     * @param masterAddr host of global rank 0
     * @param masterPort its rendezvous port
     * @param threadsPerWorker OMP_NUM_THREADS for each worker when the environment does not set it
     */
    record Layout(int nproc, int nnodes, int nodeRank, String masterAddr, int masterPort, int threadsPerWorker) {
        int worldSize() {
            return nproc * nnodes;
        }

        int rank(int local) {
            return nodeRank * nproc + local;
        }

        /** The torchrun variables of local worker {@code local}, plus engine defaults the caller did not set. */
        Map<String, String> environment(int local) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RANK", Integer.toString(rank(local)));
            env.put("LOCAL_RANK", Integer.toString(local));
            env.put("WORLD_SIZE", Integer.toString(worldSize()));
            env.put("LOCAL_WORLD_SIZE", Integer.toString(nproc));
            env.put("GROUP_RANK", Integer.toString(nodeRank));
            env.put("MASTER_ADDR", masterAddr);
            env.put("MASTER_PORT", Integer.toString(masterPort));
            if (System.getenv("OMP_WAIT_POLICY") == null) {
                env.put("OMP_WAIT_POLICY", "PASSIVE");
            }
            if (System.getenv("OMP_NUM_THREADS") == null) {
                env.put("OMP_NUM_THREADS", Integer.toString(threadsPerWorker));
            }
            return env;
        }
    }
}
