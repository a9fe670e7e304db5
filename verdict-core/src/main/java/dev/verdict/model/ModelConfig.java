package dev.verdict.model;

import dev.verdict.config.With;
import dev.verdict.tensor.DType;

/**
 * A whole Qwen2.5-VL-family config: text decoder, vision tower and the token ids the model treats
 * specially.
 *
 * @param modelType {@code qwen2_5_vl} (or {@code qwen2_vl}, parsed but whose vision tower is not run)
 * @param dtype the checkpoint's {@code torch_dtype}
 */
public record ModelConfig(
        String modelType,
        TextConfig text,
        VisionConfig vision,
        int imageTokenId,
        int videoTokenId,
        int visionStartTokenId,
        int visionEndTokenId,
        int bosTokenId,
        int eosTokenId,
        DType dtype)
        implements With<ModelConfig> {

    public static final String QWEN2_5_VL = "qwen2_5_vl";
    public static final String QWEN2_VL = "qwen2_vl";

    public ModelConfig {
        TextConfig.require(
                vision.outHiddenSize() == text.hiddenSize(),
                "vision out_hidden_size " + vision.outHiddenSize() + " differs from the text hidden_size "
                        + text.hiddenSize());
    }
}
