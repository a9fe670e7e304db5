package dev.verdict.train.dist;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The collective operations a data-parallel trainer needs. Every call is made by every rank in the same order;
 * {@code stage} names what the trainer was doing, so that a timeout or a dead peer produces a message such as
 * "rank 1 did not reach 'rl step 12: gradient all-reduce' within 300 s". {@link #LOCAL} is the single-process
 * case, where every operation is the identity.
 */
public interface Collective extends AutoCloseable {
    /** One process: rank 0 of a world of 1. */
    Collective LOCAL = new Collective() {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 1;
        }

        @Override
        public double[] allReduceSum(double[] values, String stage) {
            return values.clone();
        }

        @Override
        public void averageGradients(List<Tensor> parameters, String stage) {}

        @Override
        public void broadcast(List<Tensor> tensors, String stage) {}

        @Override
        public void barrier(String stage) {}

        @Override
        public void close() {}
    };

    /** This process's rank, 0-based. */
    int rank();

    /** Number of processes in the group. */
    int worldSize();

    /** Whether this rank writes checkpoints, metrics and reports (rank 0). */
    default boolean isMain() {
        return rank() == 0;
    }

    /**
     * Element-wise sum across ranks, in float64.
     *
     * @param values this rank's values (not modified)
     * @return the sums, identical on every rank
     */
    double[] allReduceSum(double[] values, String stage);

    /**
     * Replaces each parameter's gradient by its mean over the ranks (a parameter without a gradient counts as
     * zeros), so every rank then takes the same optimizer step.
     *
     * @param parameters the model's parameters, in the same order on every rank
     */
    void averageGradients(List<Tensor> parameters, String stage);

    /** Overwrites these tensors on every rank with rank 0's values (same shapes and order everywhere). */
    void broadcast(List<Tensor> tensors, String stage);

    /** Returns once every rank has reached it. */
    void barrier(String stage);

    @Override
    void close();
}
