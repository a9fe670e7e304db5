package dev.verdict.train.sft;

import dev.verdict.generate.ModelBundle;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.data.DataOrder;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.optim.TrainOptimizer;
import dev.verdict.train.run.Progress;
import dev.verdict.train.run.StepGuard;
import dev.verdict.train.run.TrainLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised step, for SFT and pretraining alike: this rank's share of the step's items in {@code
 * train.grad_accum} micro-batches, the judgment loss (the summed NLL over the step's trained tokens divided by their
 * global count), with a probe the cell loss, the focus terms, one all-reduce of the loss figures, and an optimizer
 * step unless a loss or the gradient is non-finite ({@link StepGuard} then records the skip).
 */
final class SupervisedStep implements TrainLoop.Stage {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedStep.class);

    /**
     * What a run adds to the plain judgment loss.
     *
     * @param cells the pretraining probe, or null
     * @param cellWeight the cell loss's weight
     * @param rows the token rows that may change
     * @param heldOut the held-out measurement (rank 0), or null
     * @param total the run's steps
     * @param focus the focus terms
     */
    record Extras(
            CellProbe cells,
            double cellWeight,
            RowMask rows,
            SftTrainer.HeldOut heldOut,
            long total,
            FocusTerms focus) {
        boolean measures(long step) {
            return heldOut != null && ((step + 1) % heldOut.every() == 0 || step + 1 == total);
        }
    }

    private final SftConfig cfg;
    private final Collective dist;
    private final UnaryOperator<Tensor> lossHook;
    private final StepGuard guard;
    private final ModelBundle bundle;
    private final TrainOptimizer opt;
    private final SftItems items;
    private final DataOrder order;
    private final Progress bar;
    private final Extras extras;
    private final FocusTerms focus;
    /** Items found longer than train.max_tokens: left out of every step they come up in. */
    private final Set<Integer> tooLong = new HashSet<>();

    private double lastLoss = Double.NaN;
    private long readTokens;
    private long logStart = System.nanoTime();

    SupervisedStep(
            SftConfig cfg,
            Collective dist,
            UnaryOperator<Tensor> lossHook,
            StepGuard guard,
            ModelBundle bundle,
            TrainOptimizer opt,
            SftItems items,
            DataOrder order,
            Progress bar,
            Extras extras) {
        this.cfg = cfg;
        this.dist = dist;
        this.lossHook = lossHook;
        this.guard = guard;
        this.bundle = bundle;
        this.opt = opt;
        this.items = items;
        this.order = order;
        this.bar = bar;
        this.extras = extras;
        this.focus = extras.focus();
    }

    /** The figures that the step's loss all-reduce sums over ranks. */
    private static final class Sums {
        double loss;
        double nonFinite;
        double cellLoss;
        double cellsRight;
        double featureRms;
        double blindLoss;
        double imageLoss;

        double[] array() {
            return new double[] {loss, nonFinite, cellLoss, cellsRight, featureRms, blindLoss, imageLoss};
        }
    }

    @Override
    public Map<String, Object> step(long step) {
        int[] mine = order.shard(step, dist.rank(), dist.worldSize());
        List<SftBatch> micro = microBatches(mine);
        List<SftBatch> blind = focus.blindBatches(
                items,
                mine,
                i -> !tooLong.contains(i),
                cfg.train().gradAccum(),
                bundle.encoder(),
                bundle.tokenizer(),
                cfg.train().maxTokens());
        double[] counts = dist.allReduceSum(
                new double[] {
                    count(micro, SftBatch::trainedTokens),
                    count(micro, b -> b.cells() == null ? 0 : labelled(b.cells())),
                    count(blind, SftBatch::trainedTokens),
                    count(micro, SftBatch::markedTokens),
                    tooLong.size()
                },
                "sft step " + step + ": token count");
        long seen = count(micro, SupervisedStep::sequenceTokens) + count(blind, SupervisedStep::sequenceTokens);
        Sums sums = new Sums();
        boolean finite = judgmentLosses(micro, counts, sums);
        finite &= blindLosses(blind, counts[2], finite, sums);
        sums.nonFinite = finite ? 0 : 1;
        double[] reduced = dist.allReduceSum(sums.array(), "sft step " + step + ": loss");
        TrainOptimizer.Outcome out = optimizerStep(step, reduced, mine);
        readTokens += seen;
        Map<String, Object> line =
                figures(step, reduced, out, (long) counts[0], seen * dist.worldSize(), Math.max(1, counts[1]));
        line.put("skipped_items", (long) counts[4]);
        return line;
    }

    /** The optimizer step when every loss was finite (the guard records a skip otherwise). */
    private TrainOptimizer.Outcome optimizerStep(long step, double[] reduced, int[] mine) {
        boolean finite = reduced[1] == 0;
        if (finite) {
            extras.rows().apply(bundle.model());
        }
        TrainOptimizer.Outcome out;
        if (finite) {
            out = opt.step(step, dist, "sft step " + step + ": gradient all-reduce");
        } else {
            opt.zeroGrad();
            out = new TrainOptimizer.Outcome(false, Double.NaN, Double.NaN, Double.NaN);
        }
        if (!out.applied()) {
            guard.skip(step, finite ? "gradient norm = " + out.gradNorm() : "loss = " + reduced[0], describe(mine));
        } else {
            extras.rows().restore(bundle.model());
            guard.applied();
            lastLoss = reduced[0];
        }
        return out;
    }

    /** The loss of the last applied step. */
    double lastLoss() {
        return lastLoss;
    }

    /** Tokens this process read so far (prompts, image tokens, judgments; no padding). */
    long readTokens() {
        return readTokens;
    }

    @Override
    public Map<String, Tensor> checkpointTensors() {
        return extras.cells() == null ? Map.of() : extras.cells().tensors();
    }

    @Override
    public String progress(Map<String, Object> line) {
        return String.format(
                "loss %.4f lr %.2e %.0f tok/s", num(line, "loss"), num(line, "lr"), num(line, "tokens_per_s"));
    }

    /**
     * Backpropagates the judgment batches' loss: the per-token mean, the cell loss and feature-scale penalty with a
     * probe, and the image focus term's mean over the marked tokens of the same forward pass; stops backpropagating at
     * the first non-finite loss. Adds this rank's shares to {@code sums}.
     *
     * @param counts the step's global counts: trained tokens, labelled cells, blind tokens, marked tokens
     * @return whether every loss was finite
     */
    private boolean judgmentLosses(List<SftBatch> micro, double[] counts, Sums sums) {
        double ws = dist.worldSize();
        boolean finite = true;
        for (SftBatch b : micro) {
            try (Scope s = Scope.open()) {
                SftLoss.Sums parts = SftLoss.sums(bundle.model(), b, extras.cells());
                Tensor loss = parts.tokens().mul(new Scalar(ws / counts[0]));
                if (parts.probe() != null) {
                    loss = addProbeLoss(loss, parts, ws / Math.max(1, counts[1]), sums);
                }
                loss = lossHook.apply(loss);
                double v = Tensors.item(loss);
                sums.loss += v / ws;
                if (parts.marked() != null && focus.image() != null) {
                    Tensor m = lossHook.apply(parts.marked().mul(new Scalar(ws / Math.max(1, counts[3]))));
                    double mv = Tensors.item(m);
                    sums.imageLoss += mv / ws;
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

    /** {@code loss} plus the probe's weighted cell loss and its feature-scale penalty, per labelled cell. */
    private Tensor addProbeLoss(Tensor loss, SftLoss.Sums parts, double perCell, Sums sums) {
        double ws = dist.worldSize();
        Tensor c = parts.cells().mul(new Scalar(perCell));
        sums.cellLoss += Tensors.item(c) / ws;
        sums.cellsRight += Tensors.item(parts.probe().correct());
        sums.featureRms += Tensors.item(parts.probe().rmsSum());
        Tensor scale = parts.probe().scale().mul(new Scalar(perCell));
        return loss.add(c.mul(new Scalar(extras.cellWeight()))).add(scale);
    }

    /**
     * Backpropagates the blind focus batches' per-token mean, weighted, while every loss so far is finite, and adds
     * this rank's share of it to the sums.
     *
     * @param tokens the step's global count of blind focus tokens
     * @return whether every blind loss was finite
     */
    private boolean blindLosses(List<SftBatch> blind, double tokens, boolean finite, Sums sums) {
        boolean ok = true;
        double ws = dist.worldSize();
        for (SftBatch b : blind) {
            try (Scope s = Scope.open()) {
                Tensor loss = lossHook.apply(SftLoss.sum(bundle.model(), b).mul(new Scalar(ws / Math.max(1, tokens))));
                double v = Tensors.item(loss);
                ok &= Double.isFinite(v);
                sums.blindLoss += v / ws;
                if (finite && ok) {
                    loss.mul(new Scalar(focus.blind().weight())).backward();
                }
            }
        }
        return ok;
    }

    /**
     * This rank's share of the step in {@code train.grad_accum} micro-batches. An item longer than {@code
     * train.max_tokens} is left out (logged with its id once, and counted in {@code skipped_items}); a micro-batch
     * left with no item is dropped.
     */
    private List<SftBatch> microBatches(int[] mine) {
        int size = mine.length / cfg.train().gradAccum();
        List<SftBatch> out = new ArrayList<>();
        for (int m = 0; m < cfg.train().gradAccum(); m++) {
            List<Integer> idx = Arrays.stream(Arrays.copyOfRange(mine, m * size, (m + 1) * size))
                    .filter(i -> !tooLong.contains(i))
                    .boxed()
                    .collect(Collectors.toCollection(ArrayList::new));
            while (!idx.isEmpty()) {
                List<SftExample> ex = idx.stream().map(items::example).toList();
                try {
                    out.add(SftBatch.build(
                            ex,
                            focus.marks(ex),
                            bundle.encoder(),
                            bundle.tokenizer(),
                            cfg.train().maxTokens()));
                    break;
                } catch (SftBatch.TooLongException e) {
                    int item = idx.remove(e.index());
                    tooLong.add(item);
                    LOG.warn(
                            "item {} has {} tokens, more than train.max_tokens {}: left out of training",
                            items.id(item),
                            e.tokens(),
                            cfg.train().maxTokens());
                }
            }
        }
        return out;
    }

    /**
     * The step's figures, in metrics-line order.
     *
     * @param trained the step's trained judgment tokens over all ranks
     * @param seenAllRanks tokens read this step over all ranks (padding excluded)
     * @param cells labelled cells over all ranks (at least 1)
     */
    private Map<String, Object> figures(
            long step, double[] reduced, TrainOptimizer.Outcome out, long trained, long seenAllRanks, double cells) {
        double secs = (System.nanoTime() - logStart) / 1e9;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("loss", reduced[0]);
        line.put("lr", out.lr());
        line.put("grad_norm", out.gradNorm());
        line.put("grad_norm_clipped", out.clippedNorm());
        line.put("applied", out.applied());
        if (focus.blind() != null) {
            line.put(focus.blind().key() + "_loss", reduced[5]);
        }
        if (focus.image() != null) {
            line.put(focus.image().key() + "_loss", reduced[6]);
        }
        if (extras.cells() != null) {
            line.put("cell_loss", reduced[2]);
            line.put("cell_accuracy", reduced[3] / cells);
            line.put("feature_rms", reduced[4] / cells);
        }
        if (extras.measures(step)) {
            Map<String, Object> held = extras.heldOut().measure().apply(bundle);
            line.put("held_out", held);
            if (bar != null) {
                bar.note("step " + (step + 1) + " held-out: " + held);
            }
        }
        line.put("trained_tokens", trained);
        line.put("tokens", seenAllRanks);
        line.put("tokens_per_s", seenAllRanks / Math.max(1e-9, secs));
        logStart = System.nanoTime();
        return line;
    }

    /** The sum of {@code f} over {@code batches}. */
    private static long count(List<SftBatch> batches, ToLongFunction<SftBatch> f) {
        return batches.stream().mapToLong(f).sum();
    }

    /** How many of a batch's image tokens carry a class (the rest are {@link CellProbe#IGNORE}). */
    static long labelled(long[] cells) {
        return Arrays.stream(cells).filter(c -> c != CellProbe.IGNORE).count();
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

    private Map<String, Object> describe(int[] idx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ids", Arrays.stream(idx).mapToObj(items::id).toList());
        return m;
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
