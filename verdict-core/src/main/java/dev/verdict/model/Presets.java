package dev.verdict.model;

import dev.verdict.tensor.DType;
import dev.verdict.tokenizer.SpecialTokens;
import java.util.List;

/**
 * Small Qwen2.5-VL-shaped configs for tests, the quickstart and benchmarks. The vocabulary size and the
 * special-token ids come from the tokenizer the model is paired with.
 */
public final class Presets {
    public static final List<String> NAMES = List.of("tiny", "small", "bench-0.5b");

    private Presets() {}

    /**
     * @param name {@code tiny} (~3M parameters), {@code small} (~30M), {@code bench-0.5b} (Qwen2.5-0.5B text
     *     dims with a small vision tower)
     * @param vocabSize rows of the embedding (at least the tokenizer's size)
     */
    public static ModelConfig get(String name, int vocabSize, SpecialTokens ids) {
        return switch (name) {
            case "tiny" ->
                build(
                        new TextConfig(vocabSize, 192, 512, 4, 4, 2, 1e-6, 10000, new int[] {4, 10, 10}, 4096, true),
                        new VisionConfig(4, 128, 256, 4, 3, 14, 2, 2, 112, 192, new int[] {1, 3}, 2),
                        ids,
                        DType.F32);
            case "small" ->
                build(
                        new TextConfig(vocabSize, 512, 1408, 8, 8, 2, 1e-6, 10000, new int[] {8, 12, 12}, 8192, true),
                        new VisionConfig(6, 256, 768, 4, 3, 14, 2, 2, 112, 512, new int[] {2, 5}, 2),
                        ids,
                        DType.F32);
            case "bench-0.5b" ->
                build(
                        new TextConfig(vocabSize, 896, 4864, 24, 14, 2, 1e-6, 1e6, new int[] {8, 12, 12}, 32768, true),
                        new VisionConfig(4, 256, 768, 4, 3, 14, 2, 2, 112, 896, new int[] {1, 3}, 2),
                        ids,
                        DType.F32);
            default ->
                throw new IllegalArgumentException("unknown preset \"" + name + "\" (choose from " + NAMES + ")");
        };
    }

    private static ModelConfig build(TextConfig t, VisionConfig v, SpecialTokens ids, DType dtype) {
        return new ModelConfig(
                ModelConfig.QWEN2_5_VL,
                t,
                v,
                ids.imagePad(),
                ids.videoPad(),
                ids.visionStart(),
                ids.visionEnd(),
                ids.endOfText(),
                ids.imEnd(),
                dtype);
    }
}
