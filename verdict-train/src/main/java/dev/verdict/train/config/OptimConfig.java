package dev.verdict.train.config;

/**
 * AdamW with a linear warmup and cosine decay, and global gradient-norm clipping.
 *
 * @param lr peak learning rate
 * @param minLr learning-rate floor
 * @param warmupSteps warmup steps
 * @param weightDecay decoupled weight decay
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param eps Adam ε
 * @param gradClip max global gradient L2 norm
 */
public record OptimConfig(
        @Doc("peak learning rate") double lr,
        @Doc("learning rate at the end of the cosine decay") double minLr,
        @Doc("linear warmup steps from 0 to lr") int warmupSteps,
        @Doc("AdamW decoupled weight decay") double weightDecay,
        @Doc("AdamW beta1") double beta1,
        @Doc("AdamW beta2") double beta2,
        @Doc("AdamW epsilon") double eps,

        @Doc("clip the global gradient L2 norm to this (0 = no clipping)")
        double gradClip) {

    public OptimConfig {
        Check.require(lr > 0 && Double.isFinite(lr), "optim.lr must be > 0, got " + lr);
        Check.require(minLr >= 0 && minLr <= lr, "optim.min_lr must be in [0, lr], got " + minLr);
        Check.require(warmupSteps >= 0, "optim.warmup_steps must be >= 0, got " + warmupSteps);
        Check.require(weightDecay >= 0, "optim.weight_decay must be >= 0, got " + weightDecay);
        Check.require(beta1 >= 0 && beta1 < 1, "optim.beta1 must be in [0, 1), got " + beta1);
        Check.require(beta2 >= 0 && beta2 < 1, "optim.beta2 must be in [0, 1), got " + beta2);
        Check.require(eps > 0, "optim.eps must be > 0, got " + eps);
        Check.require(gradClip >= 0, "optim.grad_clip must be >= 0, got " + gradClip);
    }

    public static OptimConfig defaults(double lr) {
        return new OptimConfig(lr, lr / 10, 20, 0.01, 0.9, 0.999, 1e-8, 1.0);
    }
}
