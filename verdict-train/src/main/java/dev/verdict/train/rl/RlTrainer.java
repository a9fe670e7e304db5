package dev.verdict.train.rl;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.optim.Precision;
import dev.verdict.train.optim.TrainOptimizer;
import dev.verdict.train.optim.Trainable;
import dev.verdict.train.reward.BatchRewardScorer;
import dev.verdict.train.reward.BatchRewards;
import dev.verdict.train.reward.ConsistencyJudge;
import dev.verdict.train.run.Progress;
import dev.verdict.train.run.TrainLoop;
import dev.verdict.train.run.TrainSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verdict train rl}: StableReinforce on labelled pairs (see {@link RlStep} for one step and
 * {@link RlConfig} for every switch). Rank 0 writes metrics.jsonl (one line per step), samples.jsonl and the
 * checkpoints; a resumed run continues from the latest checkpoint with the same data order and seeds.
 */
public final class RlTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RlTrainer.class);
    private final RlConfig cfg;
    private final Collective dist;
    private final UnaryOperator<Tensor> lossHook;

    /** @param lossHook applied to each update's loss before backward (identity normally; tests inject NaN) */
    public RlTrainer(RlConfig cfg, Collective dist, UnaryOperator<Tensor> lossHook) {
        this.cfg = cfg;
        this.dist = dist;
        this.lossHook = lossHook;
    }

    public RlTrainer(RlConfig cfg, Collective dist) {
        this(cfg, dist, UnaryOperator.identity());
    }

    /**
     * What a finished run produced.
     *
     * @param checkpoint the final checkpoint (rank 0; null elsewhere)
     * @param steps RL steps in the run
     * @param skipped steps or updates skipped by the guard in this process
     * @param rewards mean reward of each step run by this process, in order
     * @param seconds wall time
     */
    public record Result(Path checkpoint, long steps, int skipped, List<Double> rewards, double seconds) {}

    /** Runs (or resumes) the configured training. */
    public Result run(TrainSession.Resume resume) {
        long t0 = System.nanoTime();
        List<PairExample> pairs = labelledPairs();
        DataOrder order = new DataOrder(
                pairs.size(), cfg.rollout().promptsPerStep(), cfg.run().seed());
        long updates =
                (long) cfg.train().steps() * cfg.algo().ppoEpochs() * cfg.algo().miniBatches();
        Path base = ModelPaths.resolve(Path.of(cfg.model()), "model");
        ConsistencyJudge judge = RlSettings.judge(cfg);
        List<Path> data = List.of(Path.of(cfg.data().train()));
        try (StopRequest.Section polling = StopRequest.polling();
                TrainSession session =
                        TrainSession.start("train rl", cfg, RlConfig.UNHASHED, cfg.run(), data, resume, dist);
                ModelBundle policy = load(session.modelDir(base));
                ModelBundle reference = cfg.algo().klCoef() > 0 ? load(referenceDir(base)) : null;
                TrainOptimizer opt = new TrainOptimizer(
                        trainable(policy),
                        cfg.optim(),
                        updates,
                        Precision.parse(cfg.train().dtype()).masterWeights());
                Progress bar =
                        dist.isMain() ? Progress.console("rl", cfg.train().steps()) : null) {
            session.restoreOptimizer(opt);
            BatchRewardScorer scorer = new BatchRewardScorer(
                    judge,
                    RlSettings.reward(cfg),
                    cfg.reward().concurrency(),
                    cfg.reward().maxFailureRate());
            RlStep stepper = new RlStep(cfg, dist, policy, reference, scorer, opt, session.guard(), lossHook);
            GreedyCheck check = GreedyCheck.of(cfg.greedyEval(), cfg.run().seed());
            Steps steps = new Steps(session, order, pairs, stepper, check, policy, bar);
            TrainLoop.Plan plan = new TrainLoop.Plan(
                    "train rl",
                    cfg.train().steps(),
                    cfg.rollout().promptsPerStep(),
                    order,
                    cfg.run(),
                    policy.model(),
                    opt,
                    base,
                    null,
                    null);
            TrainLoop.Outcome out = TrainLoop.run(session, plan, bar, steps);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(
                    out.checkpoint(), cfg.train().steps(), session.guard().totalSkips(), steps.rewards, seconds);
        } finally {
            if (judge instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    /** The labelled training pairs, after checking that a step splits over the ranks; prints the config's warnings. */
    private List<PairExample> labelledPairs() {
        List<PairExample> pairs =
                TrainData.load(cfg.data(), p -> p.preferred() != Preference.UNKNOWN, "a label (preferred 1 or 2)");
        requireEvenSplit();
        if (dist.isMain()) {
            cfg.warnings().forEach(w -> LOG.warn("{}", w));
        }
        return pairs;
    }

    private ModelBundle load(Path dir) {
        return ModelBundle.load(
                dir,
                Precision.parse(cfg.train().dtype()).modelDtype(),
                Device.parse(cfg.run().device()));
    }

    private void requireEvenSplit() {
        int perStep = cfg.rollout().promptsPerStep();
        if (perStep % dist.worldSize() != 0) {
            throw new IllegalArgumentException(
                    "rollout.prompts_per_step " + perStep + " must split evenly over " + dist.worldSize() + " rank(s)");
        }
    }

    /** This rank's prompts of one step, each in the order its responses are shown (rollout.order). */
    private List<PairExample> prompts(DataOrder order, List<PairExample> pairs, long step) {
        boolean random = cfg.rollout().order().equals("random");
        return Arrays.stream(order.shard(step, dist.rank(), dist.worldSize()))
                .mapToObj(i -> PairOrder.shown(pairs.get(i), random, cfg.run().seed(), step, i))
                .toList();
    }

    private Path referenceDir(Path base) {
        return cfg.reference().isEmpty() ? base : ModelPaths.resolve(Path.of(cfg.reference()), "reference");
    }

    /** The trainable parameters (all but those {@code train.freeze} matches), made identical on every rank. */
    private List<Tensor> trainable(ModelBundle bundle) {
        List<Tensor> params =
                Trainable.select(bundle.model().parameters(), cfg.train().freeze(), name -> true, "rl", dist.isMain());
        if (dist.worldSize() > 1) {
            try (NoGradGuard g = new NoGradGuard()) {
                dist.broadcast(params, "rl init: broadcast weights");
            }
        }
        return params;
    }

    /** RL's part of each step: the rollouts and updates of {@link RlStep}, the greedy check, the samples log. */
    private final class Steps implements TrainLoop.Stage {
        private final TrainSession session;
        private final DataOrder order;
        private final List<PairExample> pairs;
        private final RlStep stepper;
        private final GreedyCheck check;
        private final ModelBundle policy;
        private final Progress bar;
        private final List<Double> rewards = new ArrayList<>();

        Steps(
                TrainSession session,
                DataOrder order,
                List<PairExample> pairs,
                RlStep stepper,
                GreedyCheck check,
                ModelBundle policy,
                Progress bar) {
            this.session = session;
            this.order = order;
            this.pairs = pairs;
            this.stepper = stepper;
            this.check = check;
            this.policy = policy;
            this.bar = bar;
        }

        @Override
        public Map<String, Object> step(long step) {
            List<PairExample> prompts = prompts(order, pairs, step);
            int firstIndex = cfg.rollout().promptsPerStep() * dist.rank() / dist.worldSize();
            RlStep.Outcome out;
            // a step finishes as a whole (rollouts included) on every rank; the stop check follows it
            try (Scope s = Scope.open();
                    StopRequest.Section d = StopRequest.deferred()) {
                out = stepper.run(step, prompts, firstIndex);
            }
            Map<String, Object> figures = new LinkedHashMap<>(out.metrics());
            figures.putAll(greedyCheck(step));
            logSamples(step, out);
            rewards.add((Double) out.metrics().getOrDefault("reward", Double.NaN));
            return figures;
        }

        @Override
        public String progress(Map<String, Object> line) {
            return String.format(
                    "reward %.3f acc %.3f fmt %.2f len %.0f",
                    num(line, "reward"), num(line, "accuracy"), num(line, "format"), num(line, "response_tokens"));
        }

        /** The greedy check's figures after {@code step} when one is due on this rank (rank 0), else none. */
        private Map<String, Object> greedyCheck(long step) {
            if (check == null || !dist.isMain() || !check.due(step, cfg.train().steps())) {
                return Map.of();
            }
            try {
                Map<String, Object> m = check.run(policy);
                if (bar != null) {
                    bar.note(String.format(
                            "step %d greedy: accuracy %.3f format %.3f tokens %.1f",
                            step + 1, num(m, "greedy_accuracy"), num(m, "greedy_format"), num(m, "greedy_tokens")));
                }
                return m;
            } catch (RuntimeException e) {
                // a stop during the check: leave the check out; the stop is handled at this step's boundary
                StoppedException.in(e).orElseThrow(() -> e);
                return Map.of();
            }
        }

        private void logSamples(long step, RlStep.Outcome out) {
            BatchRewards r = out.rewards();
            Rollouts.Batch rb = out.rollouts();
            for (int i = 0; i < Math.min(cfg.train().samplesLogged(), rb.size()); i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("step", step + 1);
                s.put("id", rb.pairs().get(i).id());
                s.put("label", rb.pairs().get(i).preferred().toString());
                s.put("response", rb.texts().get(i));
                s.put("truncated", rb.truncated()[i]);
                if (r != null) {
                    var b = r.samples().get(i);
                    s.put("reward", b.total());
                    s.put("format", b.format());
                    s.put("result", b.result());
                    s.put("consistency", b.consistencyValue());
                    if (b.failure() != null) {
                        s.put("failure", b.failure());
                    }
                }
                session.sample(s);
            }
        }
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a judge's HTTP client cannot lose results; nothing to do
        }
    }
}
