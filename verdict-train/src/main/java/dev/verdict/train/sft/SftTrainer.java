package dev.verdict.train.sft;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.VerdictParser;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.tensor.Device;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.data.PairImages;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.optim.Precision;
import dev.verdict.train.optim.TrainOptimizer;
import dev.verdict.train.optim.Trainable;
import dev.verdict.train.run.Progress;
import dev.verdict.train.run.TrainLoop;
import dev.verdict.train.run.TrainSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verdict train sft}: next-token loss on the teacher's judgment (assistant tokens only) given the image,
 * the R1-Reward prompt and the two responses; AdamW, warmup + cosine, global clipping, gradient accumulation.
 * The loss of a step is the summed NLL over the step's trained tokens divided by their global count, so it does
 * not depend on how the batch is split into micro-batches or ranks. With {@code train.blind_focus} or {@code
 * train.image_focus} each step also trains the same pairs, without or with their images, on the focused text only
 * ({@link FocusTerms}), each a per-token mean added with its own weight. Non-finite steps are skipped (see {@link StepGuard}).
 */
public final class SftTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SftTrainer.class);
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
     * @param prototypes from the token embedding rows [V, D], the fixed probe's class prototypes [C, D] ({@code
     *     cell_targets: words}); null for a trained linear probe
     */
    public record Pretraining(
            int cellClasses,
            double cellWeight,
            long[] tokens,
            boolean freezeDecoder,
            HeldOut heldOut,
            double featureRms,
            UnaryOperator<Tensor> prototypes) {}

    /**
     * A measurement of the model on held-out data, taken every {@code every} steps and after the last one (rank 0
     * only); its result goes into that step's metrics line under {@code held_out}.
     */
    public record HeldOut(int every, Function<ModelBundle, Map<String, Object>> measure) {
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
                        Precision.parse(cfg.train().dtype()).modelDtype(),
                        Device.parse(cfg.run().device()),
                        cfg.prompt()::imageBounds);
                Progress bar = dist.isMain() ? Progress.console(command.replace("train ", ""), total) : null) {
            CellProbe cells = pre == null || pre.cellClasses() == 0 ? null : probeFor(session, bundle, pre);
            List<Tensor> params = trainable(bundle, pre != null && pre.freezeDecoder(), command);
            if (cells != null) {
                params.addAll(cells.trainable());
            }
            Precision precision = Precision.parse(cfg.train().dtype());
            if (precision.warning() != null && dist.isMain()) {
                LOG.warn("{}", precision.warning());
            }
            try (TrainOptimizer opt = new TrainOptimizer(params, cfg.optim(), total, precision.masterWeights())) {
                session.restoreOptimizer(opt);
                SupervisedStep.Extras extras = new SupervisedStep.Extras(
                        cells,
                        pre == null ? 0 : pre.cellWeight(),
                        RowMask.of(bundle.model(), pre),
                        pre == null || !dist.isMain() ? null : pre.heldOut(),
                        total,
                        focus);
                SupervisedStep stage = new SupervisedStep(
                        cfg, dist, lossHook, session.guard(), bundle, opt, items, order, bar, extras);
                TrainLoop.Plan plan = new TrainLoop.Plan(
                        command,
                        total,
                        cfg.train().batchSize(),
                        order,
                        cfg.run(),
                        bundle.model(),
                        opt,
                        base,
                        layout,
                        cfg.prompt().resizesImages() ? bundle.processor().config() : null);
                TrainLoop.Outcome out = TrainLoop.run(session, plan, bar, stage);
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Result(
                        out.checkpoint(),
                        total,
                        session.guard().totalSkips(),
                        stage.lastLoss(),
                        secs,
                        out.stepSeconds(),
                        stage.readTokens());
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

    /**
     * The resumed checkpoint's probe, else a fresh one: fixed on the prototypes of {@code spec.prototypes()} when it
     * is set, a zero linear probe otherwise.
     */
    private static CellProbe probeFor(TrainSession session, ModelBundle bundle, Pretraining spec) {
        Map<String, Tensor> saved = session.resumedAux();
        if (saved.containsKey(CellProbe.WEIGHT)) {
            return CellProbe.of(saved, spec.featureRms(), spec.prototypes() != null);
        }
        if (spec.prototypes() != null) {
            Tensor rows = bundle.model().parameters().get("model.embed_tokens.weight"); // [V, D]
            return CellProbe.fixed(spec.prototypes().apply(rows), spec.featureRms());
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
            try (NoGradGuard g = new NoGradGuard()) {
                dist.broadcast(params, "sft init: broadcast weights");
            }
        }
        return params;
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
}
