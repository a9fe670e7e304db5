package dev.verdict.train.optim;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.dist.Collective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * AdamW with the run's learning-rate schedule and global gradient clipping, refusing non-finite updates: when
 * the (rank-averaged) gradient norm is NaN or infinite the gradients are dropped and no parameter changes.
 * Weight decay applies to every parameter. Create it outside any per-step scope.
 *
 * <p>With master weights (mixed precision, {@code train.dtype: bf16}) the model computes in its own dtype, but
 * the optimizer keeps an fp32 copy of every trainable parameter with fp32 AdamW moments: each step casts the
 * gradients to fp32, averages them over the ranks in fp32, clips and steps the fp32 copy, and writes it back
 * rounded into the model. A bf16 weight of 0.02 moves only by steps of about 1.2e-4, so without the copy an
 * update of a learning rate of 1e-6 rounds away; with it, the small updates add up in fp32 until they show.
 */
public final class TrainOptimizer implements AutoCloseable {
    /** The name prefix of the master weights among a checkpoint's trainer tensors. */
    public static final String MASTER = "master.";

    private final List<Tensor> paramList; // the model's trainable parameters
    private final List<Tensor> masters; // [same shapes] fp32 copies, or null without master weights
    private final TensorVector stepped; // what AdamW updates: the masters, or the parameters themselves
    private final AdamW adam;
    private final LrSchedule schedule;
    private final double clip;

    /**
     * @param parameters trainable parameters (requires_grad set)
     * @param totalSteps optimizer steps of the whole run (for the cosine decay)
     * @param masterWeights keep fp32 master weights and moments for parameters of a narrower dtype
     */
    public TrainOptimizer(List<Tensor> parameters, OptimConfig cfg, long totalSteps, boolean masterWeights) {
        this.paramList = List.copyOf(parameters);
        this.masters = masterWeights ? fp32Copies(paramList) : null;
        this.stepped = Tensors.vector(masters != null ? masters : paramList);
        this.schedule =
                new LrSchedule(cfg.lr(), cfg.minLr(), (int) Math.min(cfg.warmupSteps(), Math.max(1, totalSteps)), (int)
                        Math.max(1, totalSteps));
        AdamWOptions o = new AdamWOptions(schedule.at(0));
        o.weight_decay().put(cfg.weightDecay());
        o.eps().put(cfg.eps());
        o.betas().put(0, cfg.beta1()).put(1, cfg.beta2());
        this.adam = new AdamW(stepped, o);
        this.clip = cfg.gradClip();
    }

    public TrainOptimizer(List<Tensor> parameters, OptimConfig cfg, long totalSteps) {
        this(parameters, cfg, totalSteps, false);
    }

    private static List<Tensor> fp32Copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        try (NoGradGuard g = new NoGradGuard()) {
            for (Tensor p : params) {
                out.add(p.detach().to(DType.F32.scalarType()).clone());
            }
        }
        return out;
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
        if (masters != null) {
            for (Tensor p : paramList) {
                p.mutable_grad().put(new Tensor());
            }
        }
    }

    /**
     * Averages the gradients over the ranks, clips them and takes the AdamW step numbered {@code step} (0-based),
     * unless their norm is not finite; the gradients are cleared either way.
     */
    public Outcome step(long step, Collective dist, String stage) {
        if (masters != null) {
            gradientsToMasters();
        }
        List<Tensor> grads = masters != null ? masters : paramList;
        dist.averageGradients(grads, stage);
        double lr = schedule.at(step);
        adam.param_groups().get(0).options().set_lr(lr);
        // no clipping (grad_clip 0): a bound any norm stays under, representable in fp32 and bf16 alike
        double norm = torch.clip_grad_norm_(stepped, clip > 0 ? clip : 1e30);
        if (!Double.isFinite(norm)) {
            zeroGrad();
            return new Outcome(false, norm, norm, lr);
        }
        adam.step();
        if (masters != null) {
            mastersToModel();
        }
        zeroGrad();
        double after = clip > 0 && norm > clip ? clip : norm;
        return new Outcome(true, norm, after, lr);
    }

    /** Each parameter's gradient, cast to fp32, as its master's gradient (none where the parameter has none). */
    private void gradientsToMasters() {
        for (int i = 0; i < paramList.size(); i++) {
            Tensor g = paramList.get(i).grad();
            masters.get(i).mutable_grad().put(g.defined() ? g.to(DType.F32.scalarType()) : new Tensor());
        }
    }

    private void mastersToModel() {
        try (NoGradGuard g = new NoGradGuard()) {
            for (int i = 0; i < paramList.size(); i++) {
                paramList.get(i).copy_(masters.get(i));
            }
        }
    }

    /** The fp32 master weights by name ({@link #MASTER} + index), for the checkpoint; empty without them. */
    public Map<String, Tensor> masterTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (masters != null) {
            for (int i = 0; i < masters.size(); i++) {
                out.put(MASTER + i, masters.get(i));
            }
        }
        return out;
    }

    /**
     * Restores the master weights a checkpoint saved (a resumed run continues from the fp32 values, not from the
     * rounded model weights); nothing without master weights or when the checkpoint has none.
     */
    public void restoreMasters(Map<String, Tensor> saved) {
        if (masters == null || !saved.containsKey(MASTER + 0)) {
            return;
        }
        try (NoGradGuard g = new NoGradGuard()) {
            for (int i = 0; i < masters.size(); i++) {
                Tensor s = saved.get(MASTER + i);
                if (s == null) {
                    throw new IllegalStateException("the checkpoint has no master weight " + MASTER + i + " of "
                            + masters.size() + ": it was written with other trainable parameters");
                }
                masters.get(i).copy_(s);
            }
        }
    }

    /** The libtorch optimizer, for checkpointing. */
    public AdamW adam() {
        return adam;
    }

    @Override
    public void close() {
        adam.close();
        stepped.close();
    }
}
