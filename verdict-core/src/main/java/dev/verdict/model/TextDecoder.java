package dev.verdict.model;

import static dev.verdict.tensor.Ops.s;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Ops;
import dev.verdict.tensor.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The Qwen2 decoder of Qwen2.5-VL: token embedding, pre-norm layers of GQA attention (q/k/v biases,
 * multimodal rotary positions) and SwiGLU MLPs, final RMSNorm and the LM head (or the tied embedding).
 */
final class TextDecoder {
    private final TextConfig c;
    private final Map<String, Tensor> w;
    private final Tensor invFreq; // [headDim / 2] float32
    private final long[] streamOfFrequency; // [headDim / 2]: which position stream (T, H, W) drives frequency j

    TextDecoder(TextConfig config, Map<String, Tensor> weights) {
        this.c = config;
        this.w = weights;
        int half = c.headDim() / 2;
        Tensor exps = torch.arange(s(0), s(c.headDim()), s(2), Tensors.options(DType.I64))
                .to(DType.F32.scalarType())
                .div(s(c.headDim()));
        this.invFreq = torch.pow(s(c.ropeTheta()), exps).reciprocal();
        this.streamOfFrequency = new long[half];
        int[] sec = c.mropeSection();
        for (int j = 0; j < half; j++) {
            streamOfFrequency[j] = j < sec[0] ? 0 : j < sec[0] + sec[1] ? 1 : 2;
        }
    }

    /** [B, S, D] embeddings of token ids [B, S]. */
    Tensor embed(Tensor ids) {
        return torch.embedding(w.get("model.embed_tokens.weight"), ids);
    }

    /**
     * cos and sin of the multimodal rotary embedding, cast to {@code dtype}.
     *
     * @param positions [3, B, S] int64 (T, H, W streams)
     * @return {cos, sin}, each [B, 1, S, headDim]
     */
    Tensor[] rotary(Tensor positions, DType dtype) {
        Tensor select = Tensors.ofLongs(streamOfFrequency, streamOfFrequency.length);
        // [B, S, 3] -> pick the stream of each frequency -> [B, S, half]
        Tensor pos = positions.permute(1, 2, 0).index_select(2, select).to(DType.F32.scalarType());
        Tensor freqs = pos.mul(invFreq.view(1, 1, -1));
        Tensor emb = Tensors.cat(-1, freqs, freqs).unsqueeze(1);
        return new Tensor[] {Tensors.to(emb.cos(), dtype), Tensors.to(emb.sin(), dtype)};
    }

    /**
     * Runs the decoder layers and the final norm.
     *
     * @param h [B, S, D] input embeddings
     * @param rope {cos, sin} [B, 1, S, headDim]
     * @param mask bool [B, 1, S, T] (true = attend), or null: plain causal attention when nothing is cached, or
     *     full attention for a single new token after the cache
     * @param cache the KV cache, or null
     * @return [B, S, D] final hidden states
     */
    Tensor forward(Tensor h, Tensor[] rope, Tensor mask, KvCache cache) {
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            Tensor a = attention(
                    l, p, Ops.rmsNorm(h, w.get(p + "input_layernorm.weight"), c.rmsNormEps()), rope, mask, cache);
            h = h.add(a);
            Tensor x = Ops.rmsNorm(h, w.get(p + "post_attention_layernorm.weight"), c.rmsNormEps());
            h = h.add(Ops.swiGlu(
                    x,
                    w.get(p + "mlp.gate_proj.weight"),
                    null,
                    w.get(p + "mlp.up_proj.weight"),
                    null,
                    w.get(p + "mlp.down_proj.weight"),
                    null));
        }
        if (cache != null) {
            cache.advance(h.size(1));
        }
        return Ops.rmsNorm(h, w.get("model.norm.weight"), c.rmsNormEps());
    }

    /** [.., V] logits of final hidden states [.., D]. */
    Tensor logits(Tensor hidden) {
        Tensor head = c.tieWordEmbeddings() ? w.get("model.embed_tokens.weight") : w.get("lm_head.weight");
        return Ops.linear(hidden, head, null);
    }

    private Tensor attention(int layer, String p, Tensor x, Tensor[] rope, Tensor mask, KvCache cache) {
        long b = x.size(0);
        long sLen = x.size(1);
        int hd = c.headDim();
        Tensor q = heads(
                Ops.linear(x, w.get(p + "self_attn.q_proj.weight"), w.get(p + "self_attn.q_proj.bias")), c.numHeads());
        Tensor k = heads(
                Ops.linear(x, w.get(p + "self_attn.k_proj.weight"), w.get(p + "self_attn.k_proj.bias")),
                c.numKvHeads());
        Tensor v = heads(
                Ops.linear(x, w.get(p + "self_attn.v_proj.weight"), w.get(p + "self_attn.v_proj.bias")),
                c.numKvHeads());
        q = Ops.applyRotary(q, rope[0], rope[1]);
        k = Ops.applyRotary(k, rope[0], rope[1]);
        if (cache != null) {
            Tensor[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        // without a mask: causal over the step itself, or (one new token after a cache) attend to everything
        boolean causal = mask == null && (cache == null || cache.length() == 0);
        Tensor o = Ops.attention(q, k, v, mask, causal);
        o = o.transpose(1, 2).reshape(b, sLen, (long) c.numHeads() * hd);
        return Ops.linear(o, w.get(p + "self_attn.o_proj.weight"), null);
    }

    /** [B, S, heads * hd] -> [B, heads, S, hd]. */
    private Tensor heads(Tensor t, int n) {
        return t.view(t.size(0), t.size(1), n, c.headDim()).transpose(1, 2);
    }
}
