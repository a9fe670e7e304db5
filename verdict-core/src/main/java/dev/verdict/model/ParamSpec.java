package dev.verdict.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The name (legacy Hugging Face spelling), shape and initialisation of every parameter of a Qwen2.5-VL
 * model, in checkpoint order.
 *
 * @param shape parameter dimensions ([out, in] for linear weights)
 * @param std the standard deviation of a {@link Init#NORMAL} parameter (0 for the others)
 */
public record ParamSpec(String name, long[] shape, Init init, double std) {
    public enum Init {
        NORMAL,
        ZEROS,
        ONES
    }

    /** The standard deviation of normal-initialised matrices (Hugging Face's {@code initializer_range}). */
    public static final double MATRIX_STD = 0.02;

    /** A parameter initialised as {@code init}, normal ones with {@link #MATRIX_STD}. */
    public ParamSpec(String name, long[] shape, Init init) {
        this(name, shape, init, init == Init.NORMAL ? MATRIX_STD : 0);
    }

    /** Every parameter of {@code c}; the LM head is absent when embeddings are tied. */
    public static List<ParamSpec> of(ModelConfig c) {
        return of(c, MATRIX_STD);
    }

    /**
     * Every parameter of {@code c}, the token embedding drawn with {@code embeddingStd}. A tied embedding is also the
     * output head: after the final RMSNorm a hidden state has norm about sqrt(d), so rows of norm {@code std *
     * sqrt(d)} give logits of at most about {@code std * d}: 4 for the tiny preset at 0.02. A model whose rows never
     * train (pretraining's {@code token_rows: none}) then cannot become confident of any token; 1/sqrt(d) allows
     * logits up to sqrt(d).
     */
    public static List<ParamSpec> of(ModelConfig c, double embeddingStd) {
        List<ParamSpec> out = new ArrayList<>();
        vision(c.vision(), out);
        text(c.text(), embeddingStd, out);
        return out;
    }

    private static void vision(VisionConfig v, List<ParamSpec> out) {
        long d = v.hiddenSize();
        long i = v.intermediateSize();
        out.add(new ParamSpec(
                "visual.patch_embed.proj.weight",
                new long[] {d, v.inChannels(), v.temporalPatchSize(), v.patchSize(), v.patchSize()},
                Init.NORMAL));
        for (int b = 0; b < v.depth(); b++) {
            String p = "visual.blocks." + b + ".";
            out.add(new ParamSpec(p + "norm1.weight", new long[] {d}, Init.ONES));
            out.add(new ParamSpec(p + "norm2.weight", new long[] {d}, Init.ONES));
            linear(out, p + "attn.qkv", 3 * d, d, true);
            linear(out, p + "attn.proj", d, d, true);
            linear(out, p + "mlp.gate_proj", i, d, true);
            linear(out, p + "mlp.up_proj", i, d, true);
            linear(out, p + "mlp.down_proj", d, i, true);
        }
        long merged = d * v.spatialMergeSize() * v.spatialMergeSize();
        out.add(new ParamSpec("visual.merger.ln_q.weight", new long[] {d}, Init.ONES));
        linear(out, "visual.merger.mlp.0", merged, merged, true);
        linear(out, "visual.merger.mlp.2", v.outHiddenSize(), merged, true);
    }

    private static void text(TextConfig t, double embeddingStd, List<ParamSpec> out) {
        long d = t.hiddenSize();
        long kv = (long) t.numKvHeads() * t.headDim();
        out.add(new ParamSpec("model.embed_tokens.weight", new long[] {t.vocabSize(), d}, Init.NORMAL, embeddingStd));
        for (int l = 0; l < t.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            out.add(new ParamSpec(p + "input_layernorm.weight", new long[] {d}, Init.ONES));
            linear(out, p + "self_attn.q_proj", d, d, true);
            linear(out, p + "self_attn.k_proj", kv, d, true);
            linear(out, p + "self_attn.v_proj", kv, d, true);
            linear(out, p + "self_attn.o_proj", d, d, false);
            out.add(new ParamSpec(p + "post_attention_layernorm.weight", new long[] {d}, Init.ONES));
            linear(out, p + "mlp.gate_proj", t.intermediateSize(), d, false);
            linear(out, p + "mlp.up_proj", t.intermediateSize(), d, false);
            linear(out, p + "mlp.down_proj", d, t.intermediateSize(), false);
        }
        out.add(new ParamSpec("model.norm.weight", new long[] {d}, Init.ONES));
        if (!t.tieWordEmbeddings()) {
            out.add(new ParamSpec("lm_head.weight", new long[] {t.vocabSize(), d}, Init.NORMAL));
        }
    }

    private static void linear(List<ParamSpec> out, String prefix, long outF, long inF, boolean bias) {
        out.add(new ParamSpec(prefix + ".weight", new long[] {outF, inF}, Init.NORMAL));
        if (bias) {
            out.add(new ParamSpec(prefix + ".bias", new long[] {outF}, Init.ZEROS));
        }
    }

    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && init == p.init;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
