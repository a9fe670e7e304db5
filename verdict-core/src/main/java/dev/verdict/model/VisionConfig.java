package dev.verdict.model;

import java.util.Arrays;

/**
 * The vision tower of a Qwen2.5-VL config ({@code vision_config}).
 *
 * @param depth number of ViT blocks
 * @param hiddenSize ViT width
 * @param intermediateSize SwiGLU hidden width of a block
 * @param numHeads attention heads; head dim = hiddenSize / numHeads
 * @param inChannels image channels (3)
 * @param patchSize spatial patch side in pixels (14)
 * @param spatialMergeSize side of the patch block merged into one LLM token (2)
 * @param temporalPatchSize frames per temporal patch (2)
 * @param windowSize window attention side in pixels (112)
 * @param outHiddenSize merger output width = the text hidden size
 * @param fullattBlockIndexes blocks that attend over the whole image instead of windows
 * @param tokensPerSecond temporal position scale for videos
 */
public record VisionConfig(
        int depth,
        int hiddenSize,
        int intermediateSize,
        int numHeads,
        int inChannels,
        int patchSize,
        int spatialMergeSize,
        int temporalPatchSize,
        int windowSize,
        int outHiddenSize,
        int[] fullattBlockIndexes,
        double tokensPerSecond) {

    public VisionConfig {
        fullattBlockIndexes = fullattBlockIndexes.clone();
        TextConfig.require(
                hiddenSize % numHeads == 0,
                "vision hidden_size " + hiddenSize + " is not divisible by num_heads " + numHeads);
        TextConfig.require(
                (hiddenSize / numHeads) % 4 == 0,
                "vision head dim must be a multiple of 4 for the 2-D rotary embedding");
        TextConfig.require(
                windowSize % (patchSize * spatialMergeSize) == 0,
                "window_size must be a multiple of patch_size * spatial_merge_size");
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Values in one flattened patch: channels x temporal x patch x patch (1176 for Qwen2.5-VL). */
    public int patchDim() {
        return inChannels * temporalPatchSize * patchSize * patchSize;
    }

    /** Window side in merged tokens (4 for Qwen2.5-VL). */
    public int windowTokens() {
        return windowSize / patchSize / spatialMergeSize;
    }

    public boolean isFullAttention(int block) {
        return Arrays.stream(fullattBlockIndexes).anyMatch(b -> b == block);
    }

    @Override
    public int[] fullattBlockIndexes() {
        return fullattBlockIndexes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VisionConfig v && toString().equals(v.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "VisionConfig[depth=" + depth + ", hidden=" + hiddenSize + ", inter=" + intermediateSize + ", heads="
                + numHeads
                + ", in=" + inChannels + ", patch=" + patchSize + ", merge=" + spatialMergeSize + ", temporal="
                + temporalPatchSize
                + ", window=" + windowSize + ", out=" + outHiddenSize + ", fullatt="
                + Arrays.toString(fullattBlockIndexes)
                + ", tps=" + tokensPerSecond + "]";
    }
}
