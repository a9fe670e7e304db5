package dev.verdict.train.sft;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.R1RewardPrompt;
import dev.verdict.judge.VerdictParser;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.data.PairImages;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.run.Progress;
import dev.verdict.train.run.StepGuard;
import dev.verdict.train.run.TrainOptimizer;
import dev.verdict.train.run.TrainSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * {@code verdict train sft}: next-token loss on the teacher's judgment (assistant tokens only) given the image,
 * the R1-Reward prompt and the two responses; AdamW, warmup + cosine, global clipping, gradient accumulation.
 * The loss of a step is the summed NLL over the step's trained tokens divided by their global count, so it does
 * not depend on how the batch is split into micro-batches or ranks. Non-finite steps are skipped (see
 * {@link StepGuard}).
 */
public final class SftTrainer {
    /** The source key a pair's teacher judgment is read from (our schema's {@code meta.judgment}). */
    public static final String JUDGMENT = "judgment";

    private final SftConfig cfg;
    private final Collective dist;
    private final UnaryOperator<Tensor> lossHook;

    /**
     * @param lossHook applied to each micro-batch's loss before the backward pass (identity in normal use; tests
     *     use it to inject a non-finite loss)
     */
    public SftTrainer(SftConfig cfg, Collective dist, UnaryOperator<Tensor> lossHook) {
        this.cfg = cfg;
        this.dist = dist;
        this.lossHook = lossHook;
    }

    public SftTrainer(SftConfig cfg, Collective dist) {
        this(cfg, dist, UnaryOperator.identity());
    }

    /**
     * What a finished run produced.
     *
     * @param checkpoint the final checkpoint (rank 0; null elsewhere)
     * @param steps optimizer steps in the run
     * @param skipped steps skipped by the guard in this process
     * @param lastLoss loss of the last applied step
     * @param seconds wall time of this process's share
     */
    public record Result(Path checkpoint, long steps, int skipped, double lastLoss, double seconds) {}

    /** Runs (or resumes) the configured training. */
    public Result run(TrainSession.Resume resume) {
        long t0 = System.nanoTime();
        List<PairExample> pairs = TrainData.load(cfg.data(), SftTrainer::hasJudgment, "a valid teacher judgment");
        int perRank = cfg.train().batchSize() / dist.worldSize();
        if (perRank * dist.worldSize() != cfg.train().batchSize()
                || perRank % cfg.train().gradAccum() != 0) {
            throw new IllegalArgumentException(
                    "train.batch_size " + cfg.train().batchSize() + " must split evenly " + "over " + dist.worldSize()
                            + " rank(s) and train.grad_accum " + cfg.train().gradAccum());
        }
        DataOrder order =
                new DataOrder(pairs.size(), cfg.train().batchSize(), cfg.run().seed());
        Path base = ModelPaths.resolve(Path.of(cfg.model()), "model");
        long total = cfg.train().steps() > 0
                ? cfg.train().steps()
                : (long) cfg.train().epochs() * order.batchesPerEpoch();
        try (TrainSession session = TrainSession.start(
                        "train sft",
                        cfg,
                        SftConfig.UNHASHED,
                        cfg.run(),
                        List.of(Path.of(cfg.data().train())),
                        resume,
                        dist);
                ModelBundle bundle = ModelBundle.load(
                        session.modelDir(base),
                        DType.valueOf(cfg.train().dtype().toUpperCase(java.util.Locale.ROOT)),
                        Device.parse(cfg.run().device()));
                TrainOptimizer opt = new TrainOptimizer(trainable(bundle), cfg.optim(), total);
                Progress bar = dist.isMain() ? Progress.console("sft", total) : null) {
            session.restoreOptimizer(opt);
            Loop loop = new Loop(session, bundle, opt, pairs, order, bar);
            Path assets = base;
            Path last = null;
            for (long step = session.startStep(); step < total; step++) {
                loop.step(step);
                boolean end = step + 1 == total;
                if (end || (cfg.run().saveEvery() > 0 && (step + 1) % cfg.run().saveEvery() == 0)) {
                    last = session.save(
                                    step + 1,
                                    order.epochOf(step),
                                    (step + 1) * cfg.train().batchSize(),
                                    bundle.model(),
                                    opt,
                                    assets)
                            .orElse(null);
                }
            }
            return new Result(last, total, session.guard().totalSkips(), loop.lastLoss, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The trainable parameters, made identical on every rank (rank 0's values). */
    private List<Tensor> trainable(ModelBundle bundle) {
        bundle.model().requiresGrad(true);
        List<Tensor> params = new ArrayList<>(bundle.model().parameters().values());
        if (dist.worldSize() > 1) {
            try (org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
                dist.broadcast(params, "sft init: broadcast weights");
            }
        }
        return params;
    }

    /** Tokens the model reads in a batch (prompts, image tokens and judgments; padding excluded). */
    static long sequenceTokens(SftBatch b) {
        long n = 0;
        for (boolean[] row : b.input().mask()) {
            for (boolean v : row) {
                n += v ? 1 : 0;
            }
        }
        return n;
    }

    /** Whether a pair carries a teacher judgment that passes the strict parser. */
    public static boolean hasJudgment(PairExample p) {
        String j = p.source().get(JUDGMENT);
        return j != null && VerdictParser.isFormatValid(j);
    }

    /** The SFT example for a pair: the R1-Reward user turn with its images, and the teacher's judgment. */
    public static SftExample example(PairExample p) {
        return new SftExample(
                List.of(R1RewardPrompt.userMessage(p)),
                PairImages.decode(p),
                p.source().get(JUDGMENT));
    }

    /** One run's step loop. */
    private final class Loop {
        private final TrainSession session;
        private final ModelBundle bundle;
        private final TrainOptimizer opt;
        private final List<PairExample> pairs;
        private final DataOrder order;
        private final Progress bar;
        private double lastLoss = Double.NaN;
        private long tokensSinceLog;
        private long trainedTokens;
        private long logStart = System.nanoTime();

        Loop(TrainSession s, ModelBundle b, TrainOptimizer o, List<PairExample> p, DataOrder d, Progress bar) {
            this.session = s;
            this.bundle = b;
            this.opt = o;
            this.pairs = p;
            this.order = d;
            this.bar = bar;
        }

        void step(long step) {
            int[] mine = order.shard(step, dist.rank(), dist.worldSize());
            List<SftBatch> micro = microBatches(mine);
            long local = micro.stream().mapToLong(SftBatch::trainedTokens).sum();
            long seen = micro.stream().mapToLong(SftTrainer::sequenceTokens).sum();
            double global = dist.allReduceSum(new double[] {local}, "sft step " + step + ": token count")[0];
            double lossSum = 0;
            boolean finite = true;
            for (SftBatch b : micro) {
                try (Scope s = Scope.open()) {
                    Tensor loss =
                            lossHook.apply(SftLoss.sum(bundle.model(), b).mul(new Scalar(dist.worldSize() / global)));
                    double v = Tensors.item(loss);
                    finite &= Double.isFinite(v);
                    lossSum += v;
                    if (finite) {
                        loss.backward();
                    }
                }
            }
            double[] reduced = dist.allReduceSum(
                    new double[] {lossSum / dist.worldSize(), finite ? 0 : 1}, "sft step " + step + ": loss");
            double loss = reduced[0];
            TrainOptimizer.Outcome out = reduced[1] > 0
                    ? skipGradients()
                    : opt.step(step, dist, "sft step " + step + ": gradient all-reduce");
            if (!out.applied()) {
                session.guard()
                        .skip(
                                step,
                                reduced[1] > 0 ? "loss = " + loss : "gradient norm = " + out.gradNorm(),
                                describe(mine));
            } else {
                session.guard().applied();
                lastLoss = loss;
            }
            trainedTokens = (long) global;
            tokensSinceLog += seen * dist.worldSize();
            record(step, loss, out);
        }

        private TrainOptimizer.Outcome skipGradients() {
            opt.zeroGrad();
            return new TrainOptimizer.Outcome(false, Double.NaN, Double.NaN, Double.NaN);
        }

        private List<SftBatch> microBatches(int[] mine) {
            int size = mine.length / cfg.train().gradAccum();
            List<SftBatch> out = new ArrayList<>();
            for (int m = 0; m < cfg.train().gradAccum(); m++) {
                int[] idx = Arrays.copyOfRange(mine, m * size, (m + 1) * size);
                List<SftExample> ex =
                        Arrays.stream(idx).mapToObj(i -> example(pairs.get(i))).toList();
                try {
                    out.add(SftBatch.build(
                            ex,
                            bundle.encoder(),
                            bundle.tokenizer(),
                            cfg.train().maxTokens()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "pairs " + ids(idx) + ": " + e.getMessage() + " (raise train.max_tokens or drop the pair)",
                            e);
                }
            }
            return out;
        }

        private String ids(int[] idx) {
            return String.join(
                    ", ", Arrays.stream(idx).mapToObj(i -> pairs.get(i).id()).toList());
        }

        private Map<String, Object> describe(int[] idx) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ids", Arrays.stream(idx).mapToObj(i -> pairs.get(i).id()).toList());
            return m;
        }

        private void record(long step, double loss, TrainOptimizer.Outcome out) {
            double secs = (System.nanoTime() - logStart) / 1e9;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", step + 1);
            line.put("epoch", order.epochOf(step));
            line.put("loss", loss);
            line.put("lr", out.lr());
            line.put("grad_norm", out.gradNorm());
            line.put("grad_norm_clipped", out.clippedNorm());
            line.put("applied", out.applied());
            line.put("skipped_total", session.guard().totalSkips());
            line.put("trained_tokens", trainedTokens);
            line.put("tokens", tokensSinceLog);
            line.put("tokens_per_s", tokensSinceLog / Math.max(1e-9, secs));
            session.log(line);
            if (bar != null && ((step + 1) % cfg.run().logEvery() == 0 || step == 0)) {
                bar.update(
                        step + 1,
                        String.format(
                                "loss %.4f lr %.2e %.0f tok/s", loss, out.lr(), tokensSinceLog / Math.max(1e-9, secs)));
            }
            tokensSinceLog = 0;
            logStart = System.nanoTime();
        }
    }
}
