package dev.verdict.train.rl;

import dev.verdict.generate.ModelBundle;
import dev.verdict.generate.Scorer;
import dev.verdict.judge.PairExample;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.algo.Advantages;
import dev.verdict.train.algo.PolicyLoss;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.dist.Collectives;
import dev.verdict.train.optim.TrainOptimizer;
import dev.verdict.train.reward.BatchRewardScorer;
import dev.verdict.train.reward.BatchRewards;
import dev.verdict.train.reward.RewardFailureRateException;
import dev.verdict.train.run.StepGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One RL step: rollouts → rewards → old and reference log-probs (image-conditioned) → advantages → {@code
 * ppo_epochs x mini_batches} policy-loss updates. With a single update per rollout batch the old log-probs are the
 * detached log-probs of the update's own forward pass (the ratio is then exactly 1), which saves a forward pass.
 * Every collective call happens on every rank in the same order, so ranks agree on skipping a step.
 */
final class RlStep {
    /** Metrics-line keys that other code reads back ({@link Collapse#steps}). */
    static final String LOSS = "loss";

    static final String RESPONSE_TOKENS = "response_tokens";
    static final String FORMAT = "format";
    static final String SKIPPED = "skipped";

    private final RlConfig cfg;
    private final Collective dist;
    private final ModelBundle policy;
    private final ModelBundle reference;
    private final BatchRewardScorer scorer;
    private final TrainOptimizer opt;
    private final StepGuard guard;
    private final UnaryOperator<Tensor> lossHook;
    private final Advantages.Config advCfg;
    private final PolicyLoss.Config lossCfg;
    private final Advantages.StatsReducer reducer;

    RlStep(
            RlConfig cfg,
            Collective dist,
            ModelBundle policy,
            ModelBundle reference,
            BatchRewardScorer scorer,
            TrainOptimizer opt,
            StepGuard guard,
            UnaryOperator<Tensor> lossHook) {
        this.cfg = cfg;
        this.dist = dist;
        this.policy = policy;
        this.reference = reference;
        this.scorer = scorer;
        this.opt = opt;
        this.guard = guard;
        this.lossHook = lossHook;
        this.advCfg = RlSettings.advantages(cfg);
        this.lossCfg = RlSettings.policyLoss(cfg);
        this.reducer = Collectives.statsReducer(dist, "rl whitening statistics");
    }

    /** What a step produced: its metrics line and the rollouts (for the samples log). */
    record Outcome(Map<String, Object> metrics, Rollouts.Batch rollouts, BatchRewards rewards) {}

    /**
     * Runs step {@code step} on this rank's prompts.
     *
     * @param firstIndex global index of {@code prompts.get(0)} within the step
     */
    Outcome run(long step, List<PairExample> prompts, int firstIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Rollouts.Batch rb =
                Rollouts.sample(policy, prompts, cfg.rollout(), cfg.run().seed(), step, firstIndex);
        long t1 = System.nanoTime();
        BatchRewards rewards = null;
        String rewardError = null;
        try {
            rewards = scorer.score(samples(rb));
        } catch (RewardFailureRateException e) {
            rewardError = e.getMessage();
        }
        long t2 = System.nanoTime();
        m.put("gen_s", (t1 - t0) / 1e9);
        m.put("reward_s", (t2 - t1) / 1e9);
        m.put("gen_tokens_per_s", rb.tokens() / Math.max(1e-9, (t1 - t0) / 1e9));
        double failed = dist.allReduceSum(new double[] {rewardError == null ? 0 : 1}, stage(step, "reward check"))[0];
        if (failed > 0) {
            guard.skip(step, "reward: " + (rewardError == null ? "failed on another rank" : rewardError), ids(rb));
            m.put(SKIPPED, true);
            return new Outcome(m, rb, null);
        }
        putRewardMetrics(m, rb, rewards, step);
        update(step, rb, rewards, m);
        m.put("update_s", (System.nanoTime() - t2) / 1e9);
        return new Outcome(m, rb, rewards);
    }

    private void update(long step, Rollouts.Batch rb, BatchRewards rewards, Map<String, Object> m) {
        List<Scorer.Item> items = rb.items();
        int[] lens = rb.actions().stream().mapToInt(a -> a.length).toArray();
        int t = Arrays.stream(lens).max().orElseThrow();
        Tensor mask = PolicyForward.mask(lens, t); // [B, T]
        int updates = cfg.algo().ppoEpochs() * cfg.algo().miniBatches();
        boolean entropy = cfg.algo().entropyCoef() > 0;
        PolicyForward.Result first = null;
        Tensor old; // [B, T]
        if (updates == 1) {
            first = PolicyForward.run(policy.model(), items, t, temperature(), entropy);
            old = first.logProbs().detach();
        } else {
            old = noGrad(policy, items, t, temperature());
        }
        Tensor ref = reference == null ? null : noGrad(reference, items, t, temperature()); // [B, T]
        boolean finite = allFinite(old) && (ref == null || allFinite(ref));
        if (!agreeFinite(finite, step, "log-prob check")) {
            opt.zeroGrad();
            guard.skip(step, "non-finite old or reference log-prob", ids(rb));
            m.put(SKIPPED, true);
            return;
        }
        Advantages.Result adv =
                Advantages.compute(rewards.totalsTensor(), old, ref, mask, rewards.includedTensor(), advCfg, reducer);
        putLogProbMetrics(m, old, mask, lens, rb.samplerLogProbs(), adv, ref != null);
        int done = 0;
        for (int epoch = 0; epoch < cfg.algo().ppoEpochs(); epoch++) {
            for (int[] rows : miniBatches(rb.size(), step, epoch)) {
                PolicyForward.Result f = first != null
                        ? first
                        : PolicyForward.run(policy.model(), subset(items, rows), t, temperature(), entropy);
                Tensor idx = Tensors.ofLongs(Arrays.stream(rows).asLongStream().toArray(), rows.length);
                PolicyLoss.Result pl = PolicyLoss.compute(
                        f.logProbs(),
                        old.index_select(0, idx),
                        adv.advantages().index_select(0, idx),
                        adv.mask().index_select(0, idx),
                        f.entropy(),
                        lossCfg);
                applyUpdate(step, step * updates + done, lossHook.apply(pl.loss()), pl.diagnostics(), rb, m);
                done++;
            }
        }
    }

    /**
     * The step's log-prob figures: the sampled tokens' entropy estimate, the gap to the sampler's own log-probs, the
     * filter's share, the mean return and, with a reference, the KL.
     *
     * @param old [B, T] old log-probs
     * @param mask [B, T] action mask
     */
    private static void putLogProbMetrics(
            Map<String, Object> m,
            Tensor old,
            Tensor mask,
            int[] lens,
            List<float[]> sampler,
            Advantages.Result adv,
            boolean withReference) {
        int t = (int) old.size(1);
        // sample estimate of the policy entropy: mean -log pi(a) over the sampled tokens
        m.put(
                "entropy",
                -Tensors.item(old.mul(mask).sum())
                        / Math.max(1, Arrays.stream(lens).sum()));
        // how far the trainer's old log-probs are from the sampler's own (0 up to float rounding)
        m.put(
                "rollout_logprob_diff",
                Tensors.item(old.sub(PolicyForward.rightAligned(sampler, t))
                        .abs()
                        .mul(mask)
                        .max()));
        m.put("filtered_fraction", adv.filter().filteredFraction());
        m.put("return_mean", adv.stats().mean());
        if (withReference) {
            Tensor kl = adv.kl().mul(adv.mask()).sum();
            m.put("kl", Tensors.item(kl.div(adv.mask().sum().clamp_min(new Scalar(1)))));
        }
    }

    private void applyUpdate(
            long step, long optStep, Tensor loss, PolicyLoss.Diagnostics d, Rollouts.Batch rb, Map<String, Object> m) {
        double v = Tensors.item(loss);
        boolean ok = agreeFinite(Double.isFinite(v), step, "loss check");
        if (ok) {
            loss.backward();
        }
        TrainOptimizer.Outcome out = ok ? opt.step(optStep, dist, stage(step, "gradient all-reduce")) : null;
        if (!ok || !out.applied()) {
            opt.zeroGrad();
            guard.skip(step, ok ? "gradient norm = " + out.gradNorm() : "loss = " + v, ids(rb));
            m.put(SKIPPED, true);
        } else {
            guard.applied();
        }
        m.put(LOSS, v);
        m.put("lr", out == null ? Double.NaN : out.lr());
        m.put("grad_norm", out == null ? Double.NaN : out.gradNorm());
        m.put("grad_norm_clipped", out == null ? Double.NaN : out.clippedNorm());
        m.put("ratio_min", d.ratioMin());
        m.put("ratio_max", d.ratioMax());
        m.put("clip_fraction", d.clipFraction());
        m.put("pre_clip_fraction", d.preClipFraction());
        m.put("approx_kl", d.approxKl());
        if (cfg.algo().entropyCoef() > 0) {
            m.put("entropy_exact", d.entropy());
        }
    }

    private void putRewardMetrics(Map<String, Object> m, Rollouts.Batch rb, BatchRewards r, long step) {
        int n = cfg.rollout().samplesPerPrompt();
        double[] totals = r.totals();
        boolean[] included = r.included();
        double[] s = new double[10];
        for (int i = 0; i < rb.size(); i++) {
            var b = r.samples().get(i);
            s[0]++;
            if (included[i]) {
                s[1]++;
                s[2] += totals[i];
                s[5] += b.consistencyValue();
            }
            s[3] += b.format();
            s[4] += b.result();
            s[6] += rb.actions().get(i).length;
            s[7] += rb.truncated()[i] ? 1 : 0;
        }
        for (int g = 0; g + n <= rb.size(); g += n) {
            double first = totals[g];
            boolean same = true;
            for (int j = 1; j < n; j++) {
                same &= totals[g + j] == first;
            }
            s[8] += same ? 1 : 0;
            s[9]++;
        }
        double[] a = dist.allReduceSum(s, stage(step, "reward metrics"));
        m.put("reward", a[2] / Math.max(1, a[1]));
        m.put(FORMAT, a[3] / a[0]);
        m.put("accuracy", a[4] / a[0]);
        m.put("consistency", a[5] / Math.max(1, a[1]));
        m.put("excluded", a[0] - a[1]);
        m.put("judge_failures", r.failures());
        m.put(RESPONSE_TOKENS, a[6] / a[0]);
        m.put("truncated_fraction", a[7] / a[0]);
        m.put("zero_variance_groups", n > 1 ? a[8] / Math.max(1, a[9]) : Double.NaN);
    }

    private double temperature() {
        return cfg.rollout().temperature();
    }

    private List<int[]> miniBatches(int b, long step, int epoch) {
        int k = cfg.algo().miniBatches();
        int[] perm = k > 1
                ? DataOrder.shuffled(b, cfg.run().seed() * 31 + step * 1009 + epoch)
                : IntStream.range(0, b).toArray();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int from = b * i / k;
            int to = b * (i + 1) / k;
            if (to > from) {
                int[] rows = Arrays.copyOfRange(perm, from, to);
                Arrays.sort(rows);
                out.add(rows);
            }
        }
        return out;
    }

    private static List<Scorer.Item> subset(List<Scorer.Item> items, int[] rows) {
        return Arrays.stream(rows).mapToObj(items::get).toList();
    }

    private Tensor noGrad(ModelBundle model, List<Scorer.Item> items, int t, double temperature) {
        return PolicyForward.logProbs(
                model.model(), items, t, temperature, cfg.train().microBatchSize());
    }

    private static boolean allFinite(Tensor x) {
        return Tensors.item(torch.isfinite(x).logical_not().any()) == 0;
    }

    private boolean agreeFinite(boolean ok, long step, String what) {
        return dist.allReduceSum(new double[] {ok ? 0 : 1}, stage(step, what))[0] == 0;
    }

    private static List<BatchRewardScorer.Sample> samples(Rollouts.Batch rb) {
        List<BatchRewardScorer.Sample> out = new ArrayList<>();
        for (int i = 0; i < rb.size(); i++) {
            out.add(new BatchRewardScorer.Sample(rb.pairs().get(i), rb.texts().get(i)));
        }
        return out;
    }

    private static Map<String, Object> ids(Rollouts.Batch rb) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ids", rb.pairs().stream().map(PairExample::id).toList());
        d.put("responses", rb.texts());
        return d;
    }

    private static String stage(long step, String what) {
        return "rl step " + step + ": " + what;
    }
}
