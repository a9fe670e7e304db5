package dev.verdict.train.run;

import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.model.QwenVL;
import dev.verdict.train.config.RunConfig;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.optim.TrainOptimizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * The step loop every training stage shares (SFT, pretraining, RL). What a step does is the stage's; the loop owns
 * the rest, in this order after each step: the metrics line ({@code step}, {@code epoch}, the stage's figures,
 * {@code skipped_total}), the progress line, the stop check agreed by all ranks, the checkpoint cadence (every
 * {@code run.save_every} steps, at a stop and after the last step) and the exception that ends a stopped run.
 */
public final class TrainLoop {
    private TrainLoop() {}

    /** What one stage does in a step. */
    public interface Stage {
        /**
         * Runs step {@code step} (0-based) on this rank: forward, backward and optimizer step(s).
         *
         * @return the figures of the step's metrics line, in the order they are written
         */
        Map<String, Object> step(long step);

        /** The short text the progress line shows for a metrics line. */
        String progress(Map<String, Object> line);

        /** Trainer tensors beside the model saved with each checkpoint (a probe, say); none by default. */
        default Map<String, Tensor> checkpointTensors() {
            return Map.of();
        }
    }

    /**
     * What the loop needs to know about a run.
     *
     * @param command the command named in messages ({@code train sft})
     * @param total the run's steps
     * @param examplesPerStep examples one step consumes over all ranks (the resume cursor advances by it)
     * @param order the data order (epochs of the metrics lines and checkpoints)
     * @param run cadence of checkpoints and progress lines
     * @param model the model whose weights are saved
     * @param opt the optimizer whose state is saved
     * @param assetsFrom the model folder whose tokenizer and configs each checkpoint copies
     * @param layout the judge prompt layout recorded in each checkpoint (null: the one {@code assetsFrom} has)
     * @param images the image processor config recorded in each checkpoint (null: the one {@code assetsFrom} has)
     */
    public record Plan(
            String command,
            long total,
            long examplesPerStep,
            DataOrder order,
            RunConfig run,
            QwenVL model,
            TrainOptimizer opt,
            Path assetsFrom,
            PromptLayout layout,
            ImageProcessorConfig images) {}

    /**
     * What the loop ran.
     *
     * @param checkpoint the last checkpoint written (rank 0; null elsewhere)
     * @param stepSeconds [steps run by this process] wall time of each step's work, bookkeeping excluded
     */
    public record Outcome(Path checkpoint, double[] stepSeconds) {}

    /**
     * Runs the steps from the session's start step to {@code plan.total()}.
     *
     * @param bar the progress line (rank 0), or null
     * @throws dev.verdict.lifecycle.StoppedException after the step at which a stop was requested, its checkpoint
     *     written
     */
    public static Outcome run(TrainSession session, Plan plan, Progress bar, Stage stage) {
        long first = session.startStep();
        double[] seconds = new double[(int) (plan.total() - first)];
        Path last = null;
        for (long step = first; step < plan.total(); step++) {
            long start = System.nanoTime();
            Map<String, Object> figures = stage.step(step);
            seconds[(int) (step - first)] = (System.nanoTime() - start) / 1e9;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step + 1);
            line.put("epoch", plan.order().epochOf(step));
            line.putAll(figures);
            line.put("skipped_total", session.guard().totalSkips());
            session.log(line);
            if (bar != null && ((step + 1) % plan.run().logEvery() == 0 || step == first)) {
                bar.update(step + 1, stage.progress(line));
            }
            boolean end = step + 1 == plan.total();
            boolean stop = !end && session.stopRequested(step);
            if (end || stop || plan.run().saveDue(step)) {
                last = session.save(
                                step + 1,
                                plan.order().epochOf(step),
                                (step + 1) * plan.examplesPerStep(),
                                plan.model(),
                                plan.opt(),
                                plan.assetsFrom(),
                                trainerTensors(stage, plan.opt()),
                                plan.layout(),
                                plan.images())
                        .orElse(null);
            }
            if (stop) {
                throw session.stopped(plan.command(), step + 1, plan.total(), last);
            }
        }
        return new Outcome(last, seconds);
    }

    /** The stage's tensors and the optimizer's fp32 master weights, saved beside the model. */
    private static Map<String, Tensor> trainerTensors(Stage stage, TrainOptimizer opt) {
        Map<String, Tensor> out = new LinkedHashMap<>(stage.checkpointTensors());
        out.putAll(opt.masterTensors());
        return out;
    }
}
