package dev.verdict.model;

import java.util.Arrays;

/**
 * The language-model half of a Qwen2.5-VL config (Hugging Face {@code text_config} or the top-level keys).
 *
 * @param vocabSize rows of the embedding and LM head
 * @param hiddenSize model width D
 * @param intermediateSize SwiGLU hidden width
 * @param numLayers decoder layers
 * @param numHeads query heads; head_dim = hiddenSize / numHeads
 * @param numKvHeads key/value heads (GQA)
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta rotary base
 * @param mropeSection frequencies per position stream (T, H, W); sums to head_dim / 2
 * @param maxPositionEmbeddings longest supported position
 * @param tieWordEmbeddings whether the LM head reuses the embedding matrix
 */
public record TextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        double rmsNormEps,
        double ropeTheta,
        int[] mropeSection,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings) {

    public TextConfig {
        mropeSection = mropeSection.clone();
        require(
                hiddenSize % numHeads == 0,
                "hidden_size " + hiddenSize + " is not divisible by num_attention_heads " + numHeads);
        require(
                numHeads % numKvHeads == 0,
                "num_attention_heads " + numHeads + " is not divisible by num_key_value_heads " + numKvHeads);
        require(mropeSection.length == 3, "mrope_section must have 3 entries (T, H, W)");
        int sum = mropeSection[0] + mropeSection[1] + mropeSection[2];
        require(
                sum * 2 == hiddenSize / numHeads,
                "mrope_section sums to " + sum + " but head_dim / 2 is " + hiddenSize / numHeads / 2);
        require(
                vocabSize > 0 && numLayers > 0 && intermediateSize > 0,
                "vocab_size, num_hidden_layers and intermediate_size must be positive");
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    @Override
    public int[] mropeSection() {
        return mropeSection.clone();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextConfig t && toString().equals(t.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "TextConfig[vocab=" + vocabSize + ", hidden=" + hiddenSize + ", inter=" + intermediateSize + ", layers="
                + numLayers
                + ", heads=" + numHeads + "/" + numKvHeads + ", eps=" + rmsNormEps + ", theta=" + ropeTheta + ", mrope="
                + Arrays.toString(mropeSection) + ", maxPos=" + maxPositionEmbeddings + ", tie="
                + tieWordEmbeddings + "]";
    }
}
