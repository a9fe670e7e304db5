package dev.verdict.train.dist;

import dev.verdict.tensor.Device;
import dev.verdict.train.algo.Advantages;
import dev.verdict.train.algo.WhiteningStats;

/** Opens the right {@link Collective} for this process, and adapts collectives to the algorithms' reducers. */
public final class Collectives {
    private Collectives() {}

    /**
     * {@link Collective#LOCAL} for a world of one, else a {@link GlooCollective} (timeout from
     * {@value DistOptions#TIMEOUT_ENV}, default 300 s).
     *
     * @param device where the trainer's tensors live ({@link #deviceFor})
     */
    public static Collective open(DistEnv env, Device device) {
        return open(env, device, DistOptions.fromEnvironment(System.getenv()));
    }

    /** As {@link #open(DistEnv, Device)} with explicit options. */
    public static Collective open(DistEnv env, Device device, DistOptions options) {
        return env.isDistributed() ? GlooCollective.connect(env, device, options) : Collective.LOCAL;
    }

    /** This rank's device: {@code cuda:LOCAL_RANK} when libtorch sees a GPU, else the CPU. */
    public static Device deviceFor(DistEnv env) {
        return Device.cudaAvailable() ? Device.cuda(env.localRank()) : Device.CPU;
    }

    /**
     * Global whitening statistics for {@link Advantages#compute}: an all-reduce SUM of (sum, sumSq, count).
     *
     * @param stage names the all-reduce in error messages
     */
    public static Advantages.StatsReducer statsReducer(Collective collective, String stage) {
        if (collective.worldSize() == 1) {
            return Advantages.StatsReducer.LOCAL;
        }
        return local -> WhiteningStats.fromArray(collective.allReduceSum(local.toArray(), stage));
    }

    /** {@link #statsReducer(Collective, String)} with the stage "advantage whitening statistics". */
    public static Advantages.StatsReducer statsReducer(Collective collective) {
        return statsReducer(collective, "advantage whitening statistics");
    }
}
