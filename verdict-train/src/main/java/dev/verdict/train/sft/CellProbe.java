package dev.verdict.train.sft;

import dev.verdict.tensor.Ops;
import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A linear classifier over the merged image features (the vision tower's output, spliced into the decoder's
 * input at the image-pad positions): it predicts each merged visual token's dense label (the world's cell
 * class: empty, or colour and shape). It exists only during pretraining, to give the vision tower a dense signal
 * per token instead of one answer word per question; it is kept in the trainer state, never in the model
 * checkpoint. It reads the features before the decoder on purpose: a probe on the final hidden states can grow
 * the shared final norm without bound, which makes the language-model logits huge (a base trained that way
 * started SFT at a loss of 11,000 nats per token).
 */
public final class CellProbe {
    public static final String WEIGHT = "cell_probe.weight";
    public static final String BIAS = "cell_probe.bias";
    /** The label of an image token without a class (an example mixed in without dense labels): no loss. */
    public static final int IGNORE = -1;

    private final Tensor weight; // [C, D]
    private final Tensor bias; // [C]
    private final double featureRms;
    private final boolean fixed;

    private CellProbe(Tensor weight, Tensor bias, double featureRms, boolean fixed) {
        this.weight = weight;
        this.bias = bias;
        this.featureRms = featureRms;
        this.fixed = fixed;
    }

    /**
     * A zero-initialised probe (uniform predictions at the start) over {@code classes} labels.
     *
     * @param featureRms the RMS each image feature is held to (see {@link Losses#scale}), or 0 for none
     */
    public static CellProbe zeros(int classes, long hidden, Tensor like, double featureRms) {
        Tensor w = torch.zeros(new long[] {classes, hidden}, like.options());
        Tensor b = torch.zeros(new long[] {classes}, like.options());
        return new CellProbe(w.requires_grad_(true), b.requires_grad_(true), featureRms, false);
    }

    /**
     * A probe that does not learn: class c's logit is {@link #PROTOTYPE_SCALE} times the cosine between the image
     * feature and {@code prototypes[c]} (before the soft cap), so the loss pulls each image token toward the direction
     * of its own class's prototype and away from the others'.
     *
     * @param prototypes [C, D] one direction per class, e.g. the sum of the embeddings of the words that name it
     */
    public static CellProbe fixed(Tensor prototypes, double featureRms) {
        long d = prototypes.size(1);
        Tensor unit =
                prototypes.div(prototypes.norm(new ScalarOptional(new Scalar(2)), new long[] {1}, true)); // [C, D]
        // the probe reads RMS-normalised features (norm sqrt(D)): scale / sqrt(D) turns the product into scale * cos
        Tensor w = unit.mul(new Scalar(PROTOTYPE_SCALE / Math.sqrt(d))).detach();
        Tensor b = torch.zeros(new long[] {prototypes.size(0)}, prototypes.options());
        return new CellProbe(w, b, featureRms, true);
    }

    /** A probe restored from saved tensors ({@link #tensors()}); a fixed one stays fixed. */
    public static CellProbe of(Map<String, Tensor> saved, double featureRms, boolean fixed) {
        Tensor w = saved.get(WEIGHT);
        Tensor b = saved.get(BIAS);
        if (w == null || b == null) {
            throw new IllegalArgumentException("saved cell probe lacks " + WEIGHT + " or " + BIAS);
        }
        return fixed
                ? new CellProbe(w.detach(), b.detach(), featureRms, true)
                : new CellProbe(w.requires_grad_(true), b.requires_grad_(true), featureRms, false);
    }

    /**
     * The probe's losses on one micro-batch.
     *
     * @param cells summed cross-entropy of the labels (differentiable scalar)
     * @param correct labels the argmax gets right (scalar, not differentiable)
     * @param scale summed squared log-ratio of each image feature's RMS to the target, (ln rms - ln target)^2
     *     (differentiable scalar; zero without a target). The probe reads normalised features, so nothing else
     *     bounds their scale: without it the features of a base grew to norms of 450-7,000 against 0.3 for a
     *     token embedding, and in the decoder's residual stream an image token could then no longer be changed
     *     by any layer, nor pass a gradient back to the vision tower
     * @param rmsSum summed RMS of the image features (scalar, not differentiable)
     */
    public record Losses(Tensor cells, Tensor correct, Tensor scale, Tensor rmsSum) {}

    /** The tensors the optimizer trains: none for a {@link #fixed} probe. */
    public List<Tensor> trainable() {
        return fixed ? List.of() : List.of(weight, bias);
    }

    /** The probe's tensors by name (for the trainer state). */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(WEIGHT, weight);
        m.put(BIAS, bias);
        return m;
    }

    /** The bound of the probe's logits (soft cap). */
    static final double LOGIT_CAP = 10;

    /** A fixed probe's logit at cosine 1, before the soft cap (tanh(1) of the cap: about 7.6 after it). */
    static final double PROTOTYPE_SCALE = 10;

    /** Epsilon of the features' RMS normalisation. */
    static final double NORM_EPS = 1e-6;

    public int classes() {
        return (int) weight.size(0);
    }

    /**
     * Summed cross-entropy of the labels (differentiable scalar).
     *
     * @param hidden [B, S, D] the input embeddings with the image features spliced in
     * @param ids [B][S] the batch's token ids
     * @param imagePad the image-pad token id
     * @param allLabels [N] one class per image-pad token, in row order ({@link #IGNORE}: the token is left out)
     */
    public Losses loss(Tensor hidden, long[][] ids, long imagePad, long[] allLabels) {
        long[] all = imagePositions(ids, imagePad);
        if (all.length != allLabels.length) {
            throw new IllegalArgumentException("the batch has " + all.length + " image tokens but " + allLabels.length
                    + " cell labels (the image grid must give one merged token per cell)");
        }
        long[] at = IntStream.range(0, all.length)
                .filter(i -> allLabels[i] != IGNORE)
                .mapToLong(i -> all[i])
                .toArray();
        long[] labels = Arrays.stream(allLabels).filter(l -> l != IGNORE).toArray();
        Tensor flat = hidden.reshape(-1, hidden.size(2)); // [B*S, D]
        Tensor h = flat.index_select(0, Tensors.ofLongs(at, at.length)); // [N, D]
        // the probe reads RMS-normalised features, as the decoder does: on raw features the probe sharpened its
        // logits by growing the features' scale, the cell loss rose while its accuracy stayed flat and the
        // gradient norm grew past 200
        Tensor normed = Ops.rmsNorm(h, torch.ones_like(weight.select(0, 0)), NORM_EPS); // [N, D]
        // soft-capped logits, cap * tanh(z / cap): once every cell is right the probe keeps sharpening, and a single
        // wrong cell then cost tens of nats and a gradient norm in the thousands (a 2,400-step base diverged at step
        // 475); capped, a wrong cell costs at most about 2 * cap nats and its gradient vanishes
        Tensor logits = Ops.linear(normed, weight, bias)
                .div(new Scalar(LOGIT_CAP))
                .tanh()
                .mul(new Scalar(LOGIT_CAP)); // [N, C]
        Tensor target = Tensors.ofLongs(labels, labels.length); // [N]
        Tensor logp = torch.log_softmax(logits, 1); // [N, C]
        Tensor nll = logp.gather(1, target.unsqueeze(1)).sum().neg();
        Tensor correct = logits.argmax(new LongOptional(1), false).eq(target).sum();
        Tensor rms = h.pow(new Scalar(2))
                .mean(new long[] {1}, false, new ScalarTypeOptional())
                .add(new Scalar(NORM_EPS))
                .sqrt(); // [N]
        Tensor scale = featureRms > 0
                ? rms.log()
                        .sub(new Scalar(Math.log(featureRms)))
                        .pow(new Scalar(2))
                        .sum()
                : torch.zeros_like(nll);
        return new Losses(nll, correct, scale, rms.detach().sum());
    }

    /** Flat indices (b * S + s) of the image-pad tokens, row by row. */
    static long[] imagePositions(long[][] ids, long imagePad) {
        int s = ids[0].length;
        LongStream.Builder out = LongStream.builder();
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < s; t++) {
                if (ids[b][t] == imagePad) {
                    out.add((long) b * s + t);
                }
            }
        }
        return out.build().toArray();
    }
}
