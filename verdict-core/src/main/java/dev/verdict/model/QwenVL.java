package dev.verdict.model;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Tensors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A Qwen2.5-VL-family vision-language model: the vision tower encodes the images, their merged tokens
 * replace the {@code <|image_pad|>} embeddings, and the text decoder runs with 3-D rotary positions.
 * Parameters are kept by their legacy Hugging Face names. Load and save with {@link ModelFiles}. Create or load a
 * model outside any {@link dev.verdict.tensor.Scope}: its parameters must outlive the per-step scopes.
 */
public final class QwenVL implements AutoCloseable {
    private final ModelConfig config;
    private final Map<String, Tensor> params;
    private final TextDecoder text;
    private final VisionTower vision;
    private final AutoCloseable backing;

    QwenVL(ModelConfig config, Map<String, Tensor> params, AutoCloseable backing) {
        this.config = config;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.text = new TextDecoder(config.text(), this.params);
        this.vision = new VisionTower(config.vision(), this.params);
        this.backing = backing;
    }

    /** A model with random weights: normal(0, 0.02) matrices, zero biases, unit norms. */
    public static QwenVL random(ModelConfig config, long seed) {
        return random(config, seed, ParamSpec.MATRIX_STD);
    }

    /**
     * A model with random weights, its token embedding drawn with {@code embeddingStd} (see {@link
     * ParamSpec#of(ModelConfig, double)}).
     */
    public static QwenVL random(ModelConfig config, long seed, double embeddingStd) {
        Generator gen = torch.createCPUGenerator(seed);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (ParamSpec p : ParamSpec.of(config, embeddingStd)) {
            Tensor t = switch (p.init()) {
                case NORMAL ->
                    torch.randn(p.shape(), new GeneratorOptional(gen), Tensors.options(DType.F32))
                            .mul_(new Scalar(p.std()));
                case ZEROS -> Tensors.zeros(DType.F32, p.shape());
                case ONES -> Tensors.ones(DType.F32, p.shape());
            };
            params.put(p.name(), Tensors.to(t, config.dtype()));
        }
        return new QwenVL(config, params, null);
    }

    public ModelConfig config() {
        return config;
    }

    /** Parameters by legacy Hugging Face name, in checkpoint order. */
    public Map<String, Tensor> parameters() {
        return params;
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(Tensor::numel).sum();
    }

    public DType dtype() {
        return Tensors.dtype(params.get("model.embed_tokens.weight"));
    }

    /** Makes every parameter trainable (or frozen). */
    public void requiresGrad(boolean on) {
        params.values().forEach(t -> t.requires_grad_(on));
    }

    /**
     * Input embeddings with the image features spliced in at the image-pad positions.
     *
     * @return [B, S, D]
     */
    public Tensor embed(ModelInput in) {
        Tensor ids = Tensors.ofLongs(flatten(in.ids()), in.batch(), in.length());
        Tensor h = text.embed(ids);
        if (in.pixels() == null) {
            return h;
        }
        Tensor features = vision.forward(in.pixels(), in.grids());
        Tensor isImage = ids.eq(new Scalar(config.imageTokenId()));
        long slots = isImage.sum().item_long();
        if (slots != features.size(0)) {
            throw new IllegalArgumentException("the prompts have " + slots + " image-pad tokens but the images give "
                    + features.size(0) + " features");
        }
        return h.masked_scatter(isImage.unsqueeze(-1).expand_as(h), Tensors.to(features, Tensors.dtype(h)));
    }

    /**
     * The vision tower and merger alone: merged-token features of a batch of images.
     *
     * @param pixels [N, patchDim] patch rows of every image, concatenated
     * @param grids each image's patch grid, in order
     * @return [N / merge², text hidden size]
     */
    public Tensor imageFeatures(Tensor pixels, List<ImageGrid> grids) {
        return vision.forward(pixels, grids);
    }

    /** The 3-D rotary positions of a batch and each row's rope delta. */
    public RopeIndex ropeIndex(ModelInput in) {
        return RopeIndex.compute(
                in.ids(),
                in.mask(),
                in.grids(),
                config.imageTokenId(),
                config.visionStartTokenId(),
                config.vision().spatialMergeSize());
    }

    /**
     * Full forward of a batch without a cache (training and scoring).
     *
     * @return [B, S, D] final hidden states; {@link #logits} turns them into [B, S, V]
     */
    public Tensor hidden(ModelInput in) {
        return hidden(in, embed(in));
    }

    /**
     * Full forward from input embeddings already computed with {@link #embed} (so a caller can also use the
     * spliced image features, e.g. for an auxiliary loss on them).
     *
     * @param embeds [B, S, D] the batch's input embeddings
     * @return [B, S, D] final hidden states
     */
    public Tensor hidden(ModelInput in, Tensor embeds) {
        Tensor positions = positionsTensor(ropeIndex(in).positions());
        Tensor mask = in.padded() ? AttentionMask.causal(in.mask(), 0, in.length()) : null;
        return step(embeds, positions, mask, null);
    }

    /**
     * One decoder pass over new positions, reading and extending the cache.
     *
     * @param embeds [B, S, D]
     * @param positions [3, B, S] int64
     * @param mask bool [B, 1, S, cached + S], or null (see {@link AttentionMask})
     * @return [B, S, D] final hidden states
     */
    public Tensor step(Tensor embeds, Tensor positions, Tensor mask, KvCache cache) {
        Tensor[] rope = text.rotary(positions, Tensors.dtype(embeds));
        return text.forward(embeds, rope, mask, cache);
    }

    /** [B, S] int64 ids -> [B, S, D] embeddings. */
    public Tensor embedIds(Tensor ids) {
        return text.embed(ids);
    }

    /** [.., D] hidden states -> [.., V] logits. */
    public Tensor logits(Tensor hidden) {
        return text.logits(hidden);
    }

    /** A KV cache sized for this model. */
    public KvCache newCache(int batch, int capacity) {
        return new KvCache(config.text(), batch, capacity, dtype(), Device.CPU);
    }

    /** [3][B][S] positions as an int64 tensor [3, B, S]. */
    public static Tensor positionsTensor(long[][][] pos) {
        int b = pos[0].length;
        int s = b == 0 ? 0 : pos[0][0].length;
        long[] flat = new long[3 * b * s];
        int k = 0;
        for (long[][] stream : pos) {
            for (long[] row : stream) {
                System.arraycopy(row, 0, flat, k, s);
                k += s;
            }
        }
        return Tensors.ofLongs(flat, 3, b, s);
    }

    static long[] flatten(long[][] rows) {
        int s = rows[0].length;
        long[] flat = new long[rows.length * s];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * s, s);
        }
        return flat;
    }

    /** Merged image tokens an image of this grid takes in the prompt. */
    public int imageTokens(ImageGrid g) {
        return g.mergedTokens(config.vision().spatialMergeSize());
    }

    @Override
    public void close() {
        params.values().forEach(Tensor::close);
        if (backing != null) {
            try {
                backing.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
