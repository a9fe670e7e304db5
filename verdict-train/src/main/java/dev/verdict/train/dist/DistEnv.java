package dev.verdict.train.dist;

import java.util.Map;

/**
 * Where this process sits in a data-parallel job, read from the environment variables {@code torchrun} and
 * {@code verdict launch} set: {@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}, {@code MASTER_ADDR},
 * {@code MASTER_PORT}. Rank 0 hosts the rendezvous store on {@code masterAddr:masterPort}.
 *
 * @param rank global rank, 0-based
 * @param worldSize number of processes across all nodes
 * @param localRank rank on this node (picks the GPU)
 * @param masterAddr host of rank 0
 * @param masterPort TCP port of the rendezvous store on rank 0 (0 for a single process)
 */
public record DistEnv(int rank, int worldSize, int localRank, String masterAddr, int masterPort) {
    /** One process, no rendezvous. */
    public static final DistEnv SINGLE = new DistEnv(0, 1, 0, "127.0.0.1", 0);

    public DistEnv {
        if (worldSize < 1) {
            throw new IllegalArgumentException("WORLD_SIZE must be >= 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("RANK must be in [0, " + worldSize + "), got " + rank);
        }
        if (localRank < 0 || localRank > rank) {
            throw new IllegalArgumentException("LOCAL_RANK must be in [0, RANK=" + rank + "], got " + localRank);
        }
        if (masterAddr == null || masterAddr.isBlank()) {
            throw new IllegalArgumentException("MASTER_ADDR must name rank 0's host");
        }
        if (masterPort < 0 || masterPort > 65535 || (worldSize > 1 && masterPort == 0)) {
            throw new IllegalArgumentException("MASTER_PORT must be in [1, 65535], got " + masterPort);
        }
    }

    /**
     * Reads the variables; {@link #SINGLE} when {@code WORLD_SIZE} is absent or 1.
     *
     * @param env usually {@code System.getenv()}
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static DistEnv fromEnvironment(Map<String, String> env) {
        String ws = env.get("WORLD_SIZE");
        if (ws == null || ws.isBlank() || integer(env, "WORLD_SIZE") == 1) {
            return SINGLE;
        }
        int world = integer(env, "WORLD_SIZE");
        int rank = integer(env, "RANK");
        int local = env.containsKey("LOCAL_RANK") ? integer(env, "LOCAL_RANK") : rank;
        String addr = env.getOrDefault("MASTER_ADDR", "").trim();
        if (addr.isEmpty()) {
            throw new IllegalArgumentException("MASTER_ADDR is not set (WORLD_SIZE=" + world + " needs rank 0's host)");
        }
        return new DistEnv(rank, world, local, addr, integer(env, "MASTER_PORT"));
    }

    /** Whether there is more than one process. */
    public boolean isDistributed() {
        return worldSize > 1;
    }

    private static int integer(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"", e);
        }
    }
}
