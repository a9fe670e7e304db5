package dev.verdict.train.optim;

import dev.verdict.tensor.Tensors;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.dist.Collective;
import java.util.List;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * AdamW with the run's learning-rate schedule and global gradient clipping, refusing non-finite updates: when
 * the (rank-averaged) gradient norm is NaN or infinite the gradients are dropped and no parameter changes.
 * Weight decay applies to every parameter. Create it outside any per-step scope.
 */
public final class TrainOptimizer implements AutoCloseable {
    private final TensorVector params;
    private final AdamW adam;
    private final LrSchedule schedule;
    private final double clip;
    private final List<Tensor> paramList;

    /**
     * @param parameters trainable parameters (requires_grad set)
     * @param totalSteps optimizer steps of the whole run (for the cosine decay)
     */
    public TrainOptimizer(List<Tensor> parameters, OptimConfig cfg, long totalSteps) {
        this.paramList = List.copyOf(parameters);
        this.params = Tensors.vector(paramList);
        this.schedule =
                new LrSchedule(cfg.lr(), cfg.minLr(), (int) Math.min(cfg.warmupSteps(), Math.max(1, totalSteps)), (int)
                        Math.max(1, totalSteps));
        AdamWOptions o = new AdamWOptions(schedule.at(0));
        o.weight_decay().put(cfg.weightDecay());
        o.eps().put(cfg.eps());
        o.betas().put(0, cfg.beta1()).put(1, cfg.beta2());
        this.adam = new AdamW(params, o);
        this.clip = cfg.gradClip();
    }

    /**
     * What one optimizer step did.
     *
     * @param applied whether the parameters were updated
     * @param gradNorm global gradient L2 norm before clipping
     * @param clippedNorm the norm after clipping
     * @param lr the learning rate used
     */
    public record Outcome(boolean applied, double gradNorm, double clippedNorm, double lr) {}

    public void zeroGrad() {
        adam.zero_grad();
    }

    /**
     * Averages the gradients over the ranks, clips them and takes the AdamW step numbered {@code step} (0-based),
     * unless their norm is not finite; the gradients are cleared either way.
     */
    public Outcome step(long step, Collective dist, String stage) {
        dist.averageGradients(paramList, stage);
        double lr = schedule.at(step);
        adam.param_groups().get(0).options().set_lr(lr);
        double norm = torch.clip_grad_norm_(params, clip > 0 ? clip : Double.MAX_VALUE);
        if (!Double.isFinite(norm)) {
            adam.zero_grad();
            return new Outcome(false, norm, norm, lr);
        }
        adam.step();
        adam.zero_grad();
        double after = clip > 0 && norm > clip ? clip : norm;
        return new Outcome(true, norm, after, lr);
    }

    /** The libtorch optimizer, for checkpointing. */
    public AdamW adam() {
        return adam;
    }

    @Override
    public void close() {
        adam.close();
        params.close();
    }
}
