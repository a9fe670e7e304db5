package dev.verdict.model;

import dev.verdict.tensor.Tensors;
import org.bytedeco.pytorch.Tensor;

/** Boolean attention masks for causal decoding over padded batches. */
public final class AttentionMask {
    private AttentionMask() {}

    /**
     * Query i of the step (at absolute position past + i) may attend key j when j <= past + i and key j is a
     * real token; it always attends itself, so a padding row never has an empty softmax (which would give
     * NaN).
     *
     * @param keyValid [B][T] true for real tokens, T = past + S
     * @return bool [B, 1, S, T]
     */
    public static Tensor causal(boolean[][] keyValid, int past, int steps) {
        int b = keyValid.length;
        int t = keyValid[0].length;
        if (t != past + steps) {
            throw new IllegalArgumentException("mask covers " + t + " positions, expected " + (past + steps));
        }
        boolean[] m = new boolean[b * steps * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < steps; i++) {
                int base = (r * steps + i) * t;
                int self = past + i;
                for (int j = 0; j <= self; j++) {
                    m[base + j] = keyValid[r][j] || j == self;
                }
            }
        }
        return Tensors.ofBools(m, b, 1, steps, t);
    }
}
