package dev.verdict.train.sft;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.PromptLayout;
import dev.verdict.judge.VerdictParser;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.data.PairImages;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.pretrain.CellProbe;
import dev.verdict.train.pretrain.WordPrototypes;
import dev.verdict.train.run.Progress;
import dev.verdict.train.run.StepGuard;
import dev.verdict.train.run.TrainOptimizer;
import dev.verdict.train.run.TrainSession;
import dev.verdict.train.run.Trainable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * {@code verdict train sft}: next-token loss on the teacher's judgment (assistant tokens only) given the image,
 * the R1-Reward prompt and the two responses; AdamW, warmup + cosine, global clipping, gradient accumulation.
 * The loss of a step is the summed NLL over the step's trained tokens divided by their global count, so it does
 * not depend on how the batch is split into micro-batches or ranks. With {@code train.blind_focus} or {@code
 * train.image_focus} each step also trains the same pairs, without or with their images, on the focused text only
 * ({@link FocusTerms}), each a per-token mean added with its own weight. Non-finite steps are skipped (see {@link StepGuard}).
 */
public final class SftTrainer {
    /** The source key a pair's teacher judgment is read from (our schema's {@code meta.judgment}). */
    public static final String JUDGMENT = "judgment";

    private final SftConfig cfg;
    private final Collective dist;
    private final UnaryOperator<Tensor> lossHook;
    private final Record recorded;

    /**
     * @param lossHook applied to each micro-batch's loss before the backward pass (identity in normal use; tests
     *     use it to inject a non-finite loss)
     */
    public SftTrainer(SftConfig cfg, Collective dist, UnaryOperator<Tensor> lossHook) {
        this.cfg = cfg;
        this.dist = dist;
        this.lossHook = lossHook;
        this.recorded = cfg;
    }

    /**
     * @param recorded the config written to the run folder and hashed for resume, when a stage wraps this loop
     *     in a config of its own (pretraining); its {@code run} keys left out of the hash are the same
     */
    public SftTrainer(SftConfig cfg, Collective dist, Record recorded) {
        this.cfg = cfg;
        this.dist = dist;
        this.lossHook = UnaryOperator.identity();
        this.recorded = recorded;
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
     * @param stepSeconds [steps run by this process] wall time of each step, checkpoints excluded
     * @param tokens tokens this process read over the run (prompts, image tokens, judgments; no padding)
     */
    public record Result(
            Path checkpoint,
            long steps,
            int skipped,
            double lastLoss,
            double seconds,
            double[] stepSeconds,
            long tokens) {}

    /** Runs (or resumes) the configured training on the teacher judgments of {@code data.train}. */
    public Result run(TrainSession.Resume resume) {
        List<PairExample> pairs = TrainData.load(cfg.data(), SftTrainer::hasJudgment, "a valid teacher judgment");
        PromptLayout layout = cfg.prompt().layout(ModelPaths.resolve(Path.of(cfg.model()), "model"));
        return run(resume, judgments(pairs, Path.of(cfg.data().train()), layout), null, "train sft", layout);
    }

    /** Parameter names of the vision tower and its merger. */
    static final String VISION_PREFIX = "visual.";

    /**
     * What pretraining adds to the supervised loop.
     *
     * @param cellClasses number of dense cell classes (0 = no cell probe)
     * @param cellWeight the cell loss's weight beside the token loss (both are per-token means)
     * @param tokens the token ids whose embedding (and LM-head) rows may change; null = all. Pretraining passes
     *     the ids its data contains: Adam would otherwise push every unseen token's row away from the hidden
     *     states on every step (a base pretrained that way had unseen-token rows 20x their initial norm), and
     *     the SFT that follows would spend its first hundred steps undoing it
     * @param freezeDecoder train only the vision tower and merger (names {@code visual.*}); the decoder and the
     *     token rows stay as they are
     * @param heldOut a measurement on held-out data every few steps, or null
     * @param featureRms the RMS the probe holds each image feature to (0 = unbounded)
     * @param cellWords per cell class the token ids of the words that name it: the probe is then fixed on their
     *     embeddings ({@code cell_targets: words}); null for a trained linear probe
     */
    public record Pretraining(
            int cellClasses,
            double cellWeight,
            long[] tokens,
            boolean freezeDecoder,
            HeldOut heldOut,
            double featureRms,
            long[][] cellWords) {}

    /**
     * A measurement of the model on held-out data, taken every {@code every} steps and after the last one (rank 0
     * only); its result goes into that step's metrics line under {@code held_out}.
     */
    public record HeldOut(int every, java.util.function.Function<ModelBundle, Map<String, Object>> measure) {
        public HeldOut {
            if (every <= 0) {
                throw new IllegalArgumentException("a held-out measurement needs every > 0, got " + every);
            }
        }
    }

    /**
     * Runs (or resumes) a supervised run over {@code items}.
     *
     * @param pre what pretraining adds (cell probe, token rows), or null for plain SFT
     * @param command the command named in the run folder and messages ({@code train sft})
     * @param layout the judge prompt layout the items use, recorded in every checkpoint
     */
    public Result run(
            TrainSession.Resume resume, SftItems items, Pretraining pre, String command, PromptLayout layout) {
        long t0 = System.nanoTime();
        requireEvenSplit();
        // before the run folder and the model: a useless expression fails fast
        FocusTerms focus = FocusTerms.of(cfg.train(), items);
        DataOrder order =
                new DataOrder(items.size(), cfg.train().batchSize(), cfg.run().seed());
        Path base = ModelPaths.resolve(Path.of(cfg.model()), "model");
        long total = cfg.train().steps() > 0
                ? cfg.train().steps()
                : (long) cfg.train().epochs() * order.batchesPerEpoch();
        try (StopRequest.Section polling = StopRequest.polling();
                TrainSession session = TrainSession.start(
                        command, recorded, SftConfig.UNHASHED, cfg.run(), items.files(), resume, dist);
                ModelBundle bundle = ModelBundle.load(
                        session.modelDir(base),
                        DType.valueOf(cfg.train().dtype().toUpperCase(java.util.Locale.ROOT)),
                        Device.parse(cfg.run().device()));
                Progress bar = dist.isMain() ? Progress.console(command.replace("train ", ""), total) : null) {
            CellProbe cells = pre == null || pre.cellClasses() == 0 ? null : probeFor(session, bundle, pre);
            List<Tensor> params = trainable(bundle, pre != null && pre.freezeDecoder(), command);
            if (cells != null) {
                params.addAll(cells.trainable());
            }
            try (TrainOptimizer opt = new TrainOptimizer(params, cfg.optim(), total)) {
                session.restoreOptimizer(opt);
                Aux aux = new Aux(
                        cells,
                        pre == null ? 0 : pre.cellWeight(),
                        RowMask.of(bundle.model(), pre),
                        pre == null || !dist.isMain() ? null : pre.heldOut(),
                        total,
                        focus);
                Loop loop = new Loop(session, bundle, opt, items, order, bar, aux);
                Path last = null;
                double[] stepSeconds = new double[(int) (total - session.startStep())];
                for (long step = session.startStep(); step < total; step++) {
                    long stepStart = System.nanoTime();
                    loop.step(step);
                    stepSeconds[(int) (step - session.startStep())] = (System.nanoTime() - stepStart) / 1e9;
                    boolean end = step + 1 == total;
                    boolean stop = !end && session.stopRequested(step);
                    if (end || stop || cfg.run().saveDue(step)) {
                        long cursor = (step + 1) * cfg.train().batchSize();
                        Map<String, Tensor> saved = cells == null ? Map.of() : cells.tensors();
                        last = session.save(
                                        step + 1, order.epochOf(step), cursor, bundle.model(), opt, base, saved, layout)
                                .orElse(null);
                    }
                    if (stop) {
                        throw session.stopped(command, step + 1, total, last);
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Result(
                        last, total, session.guard().totalSkips(), loop.lastLoss, secs, stepSeconds, loop.readTokens);
            }
        }
    }

    private void requireEvenSplit() {
        int perRank = cfg.train().batchSize() / dist.worldSize();
        if (perRank * dist.worldSize() != cfg.train().batchSize()
                || perRank % cfg.train().gradAccum() != 0) {
            throw new IllegalArgumentException(
                    "train.batch_size " + cfg.train().batchSize() + " must split evenly over " + dist.worldSize()
                            + " rank(s) and train.grad_accum " + cfg.train().gradAccum());
        }
    }

    /** How many of a batch's image tokens carry a class (the rest are {@link CellProbe#IGNORE}). */
    static long labelled(long[] cells) {
        return java.util.Arrays.stream(cells).filter(c -> c != CellProbe.IGNORE).count();
    }

    /**
     * The resumed checkpoint's probe, else a fresh one: fixed on the sums of the class words' embedding rows when
     * {@code cellWords} is set, a zero linear probe otherwise.
     */
    private static CellProbe probeFor(TrainSession session, ModelBundle bundle, Pretraining spec) {
        Map<String, Tensor> saved = session.resumedAux();
        if (!saved.isEmpty()) {
            return CellProbe.of(saved, spec.featureRms(), spec.cellWords() != null);
        }
        if (spec.cellWords() != null) {
            Tensor rows = bundle.model().parameters().get("model.embed_tokens.weight"); // [V, D]
            return CellProbe.fixed(WordPrototypes.sums(rows, spec.cellWords()), spec.featureRms());
        }
        Tensor like = bundle.model().parameters().get("model.norm.weight");
        return CellProbe.zeros(
                spec.cellClasses(), bundle.model().config().text().hiddenSize(), like, spec.featureRms());
    }

    /** The judgment items of {@code pairs}: the R1-Reward prompt in {@code layout} and the teacher's judgment. */
    public static SftItems judgments(List<PairExample> pairs, Path file, PromptLayout layout) {
        return new SftItems() {
            @Override
            public int size() {
                return pairs.size();
            }

            @Override
            public SftExample example(int index) {
                return SftTrainer.example(pairs.get(index), layout);
            }

            @Override
            public String id(int index) {
                return pairs.get(index).id();
            }

            @Override
            public List<Path> files() {
                return List.of(file);
            }

            @Override
            public SftExample focus(int index, Pattern focus, boolean images) {
                return BlindFocus.example(pairs.get(index), layout, focus, images);
            }
        };
    }

    /**
     * The trainable parameters, made identical on every rank (rank 0's values): all but those {@code train.freeze}
     * matches.
     *
     * @param visionOnly train only the vision tower and merger; every other parameter stops requiring a gradient
     * @param command the command, for the console line
     */
    private List<Tensor> trainable(ModelBundle bundle, boolean visionOnly, String command) {
        List<Tensor> params = Trainable.select(
                bundle.model().parameters(),
                cfg.train().freeze(),
                name -> !visionOnly || name.startsWith(VISION_PREFIX),
                command,
                dist.isMain());
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
    public static SftExample example(PairExample p, PromptLayout layout) {
        return new SftExample(
                List.of(layout.userMessage(p)), PairImages.decode(p), p.source().get(JUDGMENT));
    }

    /**
     * What a run adds to the plain judgment loss: the pretraining probe (or null), its weight, the token rows that
     * may change, the held-out measurement, and the focus terms.
     */
    private record Aux(
            CellProbe cells, double cellWeight, RowMask rows, HeldOut heldOut, long total, FocusTerms focus) {
        boolean measures(long step) {
            return heldOut != null && ((step + 1) % heldOut.every() == 0 || step + 1 == total);
        }
    }

    /** One run's step loop. */
    private final class Loop {
        private final TrainSession session;
        private final ModelBundle bundle;
        private final TrainOptimizer opt;
        private final SftItems items;
        private final DataOrder order;
        private final Progress bar;
        private final CellProbe cells;
        private final Aux aux;
        private final FocusTerms focus;
        private double lastLoss = Double.NaN;
        private double blindLoss = Double.NaN;
        private double imageLoss = Double.NaN;
        private double cellLoss = Double.NaN;
        private double cellAccuracy = Double.NaN;
        private double featureRms = Double.NaN;
        private long tokensSinceLog;
        private long trainedTokens;
        private long readTokens;
        private long logStart = System.nanoTime();

        Loop(TrainSession s, ModelBundle b, TrainOptimizer o, SftItems items, DataOrder d, Progress bar, Aux aux) {
            this.session = s;
            this.bundle = b;
            this.opt = o;
            this.items = items;
            this.order = d;
            this.bar = bar;
            this.cells = aux.cells();
            this.aux = aux;
            this.focus = aux.focus();
        }

        void step(long step) {
            int[] mine = order.shard(step, dist.rank(), dist.worldSize());
            List<SftBatch> micro = microBatches(mine);
            List<SftBatch> blind = focus.blindBatches(
                    items,
                    mine,
                    cfg.train().gradAccum(),
                    bundle.encoder(),
                    bundle.tokenizer(),
                    cfg.train().maxTokens());
            double[] counts = dist.allReduceSum(
                    new double[] {
                        count(micro, SftBatch::trainedTokens),
                        count(micro, b -> b.cells() == null ? 0 : labelled(b.cells())),
                        count(blind, SftBatch::trainedTokens),
                        count(micro, SftBatch::markedTokens)
                    },
                    "sft step " + step + ": token count");
            long seen = count(micro, SftTrainer::sequenceTokens) + count(blind, SftTrainer::sequenceTokens);
            double global = counts[0];
            double globalCells = Math.max(1, counts[1]);
            // loss, non-finite flag, cell loss, cells right, feature RMS sum, blind focus loss, image focus loss
            double[] sums = new double[7];
            boolean finite = judgmentLosses(micro, counts, sums);
            finite &= blindLosses(blind, counts[2], finite, sums);
            sums[1] = finite ? 0 : 1;
            double[] reduced = dist.allReduceSum(sums, "sft step " + step + ": loss");
            blindLoss = reduced[5];
            imageLoss = reduced[6];
            double loss = reduced[0];
            if (reduced[1] == 0) {
                aux.rows().apply(bundle.model());
            }
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
                aux.rows().restore(bundle.model());
                session.guard().applied();
                lastLoss = loss;
            }
            if (cells != null) {
                cellLoss = reduced[2];
                cellAccuracy = reduced[3] / globalCells;
                featureRms = reduced[4] / globalCells;
            }
            trainedTokens = (long) global;
            tokensSinceLog += seen * dist.worldSize();
            readTokens += seen;
            record(step, loss, out);
        }

        /** The sum of {@code f} over {@code batches}. */
        private static long count(List<SftBatch> batches, java.util.function.ToLongFunction<SftBatch> f) {
            return batches.stream().mapToLong(f).sum();
        }

        /**
         * Backpropagates the judgment batches' loss: the per-token mean, the cell loss and feature-scale penalty with a
         * probe, and the image focus term's mean over the marked tokens of the same forward pass; stops backpropagating
         * at the first non-finite loss. Adds this rank's shares to {@code sums} (0 loss, 2 cell loss, 3 cells right, 4
         * feature RMS, 6 image focus loss).
         *
         * @param counts the step's global counts: trained tokens, labelled cells, blind tokens, marked tokens
         * @return whether every loss was finite
         */
        private boolean judgmentLosses(List<SftBatch> micro, double[] counts, double[] sums) {
            double ws = dist.worldSize();
            boolean finite = true;
            for (SftBatch b : micro) {
                try (Scope s = Scope.open()) {
                    SftLoss.Sums parts = SftLoss.sums(bundle.model(), b, cells);
                    Tensor loss = parts.tokens().mul(new Scalar(ws / counts[0]));
                    if (parts.probe() != null) {
                        double perCell = ws / Math.max(1, counts[1]);
                        Tensor c = parts.cells().mul(new Scalar(perCell));
                        sums[2] += Tensors.item(c) / ws;
                        sums[3] += Tensors.item(parts.probe().correct());
                        sums[4] += Tensors.item(parts.probe().rmsSum());
                        Tensor scale = parts.probe().scale().mul(new Scalar(perCell));
                        loss = loss.add(c.mul(new Scalar(aux.cellWeight()))).add(scale);
                    }
                    loss = lossHook.apply(loss);
                    double v = Tensors.item(loss);
                    sums[0] += v / ws;
                    if (parts.marked() != null && focus.image() != null) {
                        Tensor m = lossHook.apply(parts.marked().mul(new Scalar(ws / Math.max(1, counts[3]))));
                        double mv = Tensors.item(m);
                        sums[6] += mv / ws;
                        finite &= Double.isFinite(mv);
                        loss = loss.add(m.mul(new Scalar(focus.image().weight())));
                    }
                    finite &= Double.isFinite(v);
                    if (finite) {
                        loss.backward();
                    }
                }
            }
            return finite;
        }

        /**
         * Backpropagates the blind focus batches' per-token mean, weighted, while every loss so far is finite, and adds
         * this rank's share of it to {@code sums[5]}.
         *
         * @param tokens the step's global count of blind focus tokens
         * @return whether every blind loss was finite
         */
        private boolean blindLosses(List<SftBatch> blind, double tokens, boolean finite, double[] sums) {
            boolean ok = true;
            double ws = dist.worldSize();
            for (SftBatch b : blind) {
                try (Scope s = Scope.open()) {
                    Tensor loss =
                            lossHook.apply(SftLoss.sum(bundle.model(), b).mul(new Scalar(ws / Math.max(1, tokens))));
                    double v = Tensors.item(loss);
                    ok &= Double.isFinite(v);
                    sums[5] += v / ws;
                    if (finite && ok) {
                        loss.mul(new Scalar(focus.blind().weight())).backward();
                    }
                }
            }
            return ok;
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
                        Arrays.stream(idx).mapToObj(items::example).toList();
                try {
                    out.add(SftBatch.build(
                            ex,
                            focus.marks(ex),
                            bundle.encoder(),
                            bundle.tokenizer(),
                            cfg.train().maxTokens()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "items " + ids(idx) + ": " + e.getMessage() + " (raise train.max_tokens or drop the item)",
                            e);
                }
            }
            return out;
        }

        private String ids(int[] idx) {
            return String.join(", ", Arrays.stream(idx).mapToObj(items::id).toList());
        }

        private Map<String, Object> describe(int[] idx) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ids", Arrays.stream(idx).mapToObj(items::id).toList());
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
            if (focus.blind() != null) {
                line.put(focus.blind().key() + "_loss", blindLoss);
            }
            if (focus.image() != null) {
                line.put(focus.image().key() + "_loss", imageLoss);
            }
            if (cells != null) {
                line.put("cell_loss", cellLoss);
                line.put("cell_accuracy", cellAccuracy);
                line.put("feature_rms", featureRms);
            }
            if (aux.measures(step)) {
                Map<String, Object> held = aux.heldOut().measure().apply(bundle);
                line.put("held_out", held);
                if (bar != null) {
                    bar.note("step " + (step + 1) + " held-out: " + held);
                }
            }
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
