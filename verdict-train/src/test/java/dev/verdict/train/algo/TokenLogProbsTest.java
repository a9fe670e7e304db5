package dev.verdict.train.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class TokenLogProbsTest {
    @Test
    void logProbsAndEntropyMatchScalarReference() {
        int b = 3;
        int t = 4;
        int v = 11;
        Random rnd = new Random(9);
        float[] logits = new float[b * t * v];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (rnd.nextGaussian() * 3);
        }
        long[] targets = new long[b * t];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = rnd.nextInt(v);
        }
        Tensor z = Tensors.of(logits, b, t, v);
        float[] lp = Tensors.toFloats(TokenLogProbs.of(z.to(DType.BF16.scalarType()), Tensors.ofLongs(targets, b, t)));
        float[] h = Tensors.toFloats(TokenLogProbs.entropy(z));
        float[] lpDirect = Tensors.toFloats(TokenLogProbs.of(z, Tensors.ofLongs(targets, b, t)));
        for (int pos = 0; pos < b * t; pos++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < v; k++) {
                max = Math.max(max, logits[pos * v + k]);
            }
            double s = 0;
            for (int k = 0; k < v; k++) {
                s += Math.exp(logits[pos * v + k] - max);
            }
            double lse = max + Math.log(s);
            double entropy = 0;
            for (int k = 0; k < v; k++) {
                double logP = logits[pos * v + k] - lse;
                entropy -= Math.exp(logP) * logP;
            }
            assertEquals(logits[pos * v + (int) targets[pos]] - lse, lpDirect[pos], 1e-4, "log-prob at " + pos);
            assertEquals(lpDirect[pos], lp[pos], 0.2, "bf16 logits are computed in float32: close at " + pos);
            assertEquals(entropy, h[pos], 1e-4, "entropy at " + pos);
        }
    }
}
