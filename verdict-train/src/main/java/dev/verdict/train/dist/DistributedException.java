package dev.verdict.train.dist;

import java.util.List;

/**
 * A collective or the rendezvous failed: a rank did not arrive within the timeout, died, or the store host is
 * gone. The message names the stage and, where the store could tell, the ranks that did not arrive. The process
 * group is unusable afterwards: the trainer should stop (exit non-zero) rather than retry.
 */
public final class DistributedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The trainer's stage string of the failed operation. */
    private final String stage;

    /** Ranks known not to have reached the operation (empty when unknown). */
    private final List<Integer> missingRanks;

    public DistributedException(String message, String stage, List<Integer> missingRanks, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.missingRanks = List.copyOf(missingRanks);
    }

    public String stage() {
        return stage;
    }

    public List<Integer> missingRanks() {
        return missingRanks;
    }
}
