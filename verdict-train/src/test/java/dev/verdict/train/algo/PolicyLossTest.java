package dev.verdict.train.algo;

import static dev.verdict.train.algo.Fixtures.assertClose;
import static dev.verdict.train.algo.Fixtures.boolMask;
import static dev.verdict.train.algo.Fixtures.floatMask;
import static dev.verdict.train.algo.Fixtures.gaussian;
import static dev.verdict.train.algo.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class PolicyLossTest {
    private static final int B = 6;
    private static final int T = 8;

    /** spec §2.7: the paper's four tokens, ε = 0.2. */
    @Test
    void paperVectors() {
        boolean[][] m = {{true, true, true, true}};
        Tensor lp = tensor(new double[][] {{-0.1, -0.1, -0.1, -0.1}});
        Tensor old = tensor(new double[][] {{-10, -0.2, -0.2, -5}});
        Tensor adv = tensor(new double[][] {{-1, -1, 0.5, -0.5}});
        PolicyLoss.Result plain = PolicyLoss.compute(lp, old, adv, boolMask(m), null, PolicyLoss.Config.PPO);
        float[] p = Tensors.toFloats(plain.tokenLoss());
        assertEquals(19930.37, p[0], 0.05);
        assertEquals(1.1052, p[1], 1e-4);
        assertEquals(-0.5526, p[2], 1e-4);
        assertEquals(67.1449, p[3], 1e-3);
        PolicyLoss.Result pre = PolicyLoss.compute(lp, old, adv, boolMask(m), null, PolicyLoss.Config.STABLE_REINFORCE);
        float[] q = Tensors.toFloats(pre.tokenLoss());
        assertEquals(1000.0, q[0], 0.01);
        assertEquals(1.1052, q[1], 1e-4);
        assertEquals(-0.5526, q[2], 1e-4);
        assertEquals(67.1449, q[3], 1e-3);
        assertEquals((1000.0 + 1.1052 - 0.5526 + 67.1449) / 4, Tensors.item(pre.loss()), 1e-2);
        assertEquals(0.25, pre.diagnostics().preClipFraction(), 1e-12);
        assertEquals(1000.0, pre.diagnostics().ratioMax(), 0.01);
    }

    @Test
    void lossAndDiagnosticsMatchScalarReference() {
        for (int seed = 0; seed < 6; seed++) {
            Random rnd = new Random(seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] lp = gaussian(rnd, B, T, 1, -2);
            double[][] old = gaussian(rnd, B, T, seed < 3 ? 0.1 : 4, -2); // seed >= 3: far off-policy, Pre-CLIP bites
            double[][] adv = gaussian(rnd, B, T, 1.5, 0);
            for (boolean preClip : new boolean[] {true, false}) {
                double[][] tl = new double[B][T];
                int clipped = 0;
                int n = 0;
                double rMin = Double.POSITIVE_INFINITY;
                double rMax = Double.NEGATIVE_INFINITY;
                double klSum = 0;
                double seqSumTotal = 0;
                int rows = 0;
                for (int b = 0; b < B; b++) {
                    for (int t = 0; t < T; t++) {
                        if (m[b][t]) {
                            tl[b][t] = ScalarReference.tokenLoss(lp[b][t], old[b][t], adv[b][t], 0.2, preClip);
                            double d = lp[b][t] - old[b][t];
                            double ratio = Math.exp(preClip ? Math.max(Math.log(1e-3), Math.min(Math.log(1e3), d)) : d);
                            clipped += tl[b][t] > -ratio * adv[b][t] + 1e-9 * Math.abs(ratio * adv[b][t]) ? 1 : 0;
                            rMin = Math.min(rMin, ratio);
                            rMax = Math.max(rMax, ratio);
                            klSum += ratio - 1 - Math.log(ratio);
                            n++;
                        }
                    }
                }
                for (int b = 0; b < B; b++) {
                    boolean any = false;
                    for (int t = 0; t < T; t++) {
                        seqSumTotal += m[b][t] ? tl[b][t] : 0;
                        any |= m[b][t];
                    }
                    rows += any ? 1 : 0;
                }
                PolicyLoss.Config cfg = PolicyLoss.Config.STABLE_REINFORCE.with("preClip", preClip);
                PolicyLoss.Result res =
                        PolicyLoss.compute(tensor(lp), tensor(old), tensor(adv), floatMask(m), null, cfg);
                assertClose(tl, res.tokenLoss(), 2e-4);
                assertEquals(
                        ScalarReference.seqMeanTokenMean(tl, m),
                        Tensors.item(res.loss()),
                        1e-3 * Math.max(1, Math.abs(ScalarReference.seqMeanTokenMean(tl, m))));
                assertEquals(n, res.diagnostics().actionTokens());
                assertEquals((double) clipped / n, res.diagnostics().clipFraction(), 1.5 / n);
                assertEquals(rMin, res.diagnostics().ratioMin(), 1e-4 * Math.max(1, rMin));
                assertEquals(rMax, res.diagnostics().ratioMax(), 1e-4 * Math.max(1, rMax));
                assertEquals(klSum / n, res.diagnostics().approxKl(), 1e-3 * Math.max(1, klSum / n));
                PolicyLoss.Result seqSum = PolicyLoss.compute(
                        tensor(lp),
                        tensor(old),
                        tensor(adv),
                        boolMask(m),
                        null,
                        cfg.with("aggregation", LossAggregation.SEQ_MEAN_TOKEN_SUM));
                double expectedSs = seqSumTotal / rows;
                assertEquals(expectedSs, Tensors.item(seqSum.loss()), 1e-3 * Math.max(1, Math.abs(expectedSs)));
                PolicyLoss.Result tokenMean = PolicyLoss.compute(
                        tensor(lp),
                        tensor(old),
                        tensor(adv),
                        boolMask(m),
                        null,
                        cfg.with("aggregation", LossAggregation.TOKEN_MEAN));
                double expectedTm = ScalarReference.tokenMean(tl, m);
                assertEquals(expectedTm, Tensors.item(tokenMean.loss()), 1e-3 * Math.max(1, Math.abs(expectedTm)));
                PolicyLoss.Result tokenSum = PolicyLoss.compute(
                        tensor(lp),
                        tensor(old),
                        tensor(adv),
                        boolMask(m),
                        null,
                        cfg.with("aggregation", LossAggregation.TOKEN_SUM));
                assertEquals(
                        expectedTm * n, Tensors.item(tokenSum.loss()), 1e-3 * Math.max(1, Math.abs(expectedTm * n)));
            }
        }
    }

    @Test
    void seqMeanTokenSumDividesBySequencesWithTokens() {
        boolean[][] m = {{true, true, false}, {false, false, false}, {true, false, false}};
        double[][] v = {{1, 2, 99}, {5, 5, 5}, {4, 0, 0}};
        assertEquals(3.5, Tensors.item(LossAggregation.SEQ_MEAN_TOKEN_SUM.aggregate(tensor(v), boolMask(m))), 1e-6);
        assertEquals(2.75, Tensors.item(LossAggregation.SEQ_MEAN_TOKEN_MEAN.aggregate(tensor(v), boolMask(m))), 1e-6);
        assertEquals(7.0 / 3, Tensors.item(LossAggregation.TOKEN_MEAN.aggregate(tensor(v), boolMask(m))), 1e-6);
    }

    @Test
    void preClipKeepsRatiosFiniteWherePlainExpOverflows() {
        boolean[][] m = {{true, true, true}};
        Tensor lp = tensor(new double[][] {{-0.5, -0.1, -1}});
        Tensor old = tensor(new double[][] {{-120, -0.2, -1}}); // log-ratio 119.5: exp overflows float32
        Tensor adv = tensor(new double[][] {{-1, 0.5, 0}});
        PolicyLoss.Result plain = PolicyLoss.compute(lp, old, adv, boolMask(m), null, PolicyLoss.Config.PPO);
        assertFalse(Double.isFinite(plain.diagnostics().ratioMax()), "plain PPO ratio overflows");
        assertFalse(Double.isFinite(Tensors.item(plain.loss())), "plain PPO loss is not finite");
        PolicyLoss.Result pre = PolicyLoss.compute(lp, old, adv, boolMask(m), null, PolicyLoss.Config.STABLE_REINFORCE);
        assertEquals(1000.0, pre.diagnostics().ratioMax(), 0.01);
        assertTrue(Double.isFinite(Tensors.item(pre.loss())));
        assertTrue(Double.isFinite(pre.diagnostics().approxKl()));
    }

    @Test
    void gradientMatchesAnalyticAndVanishesOutsidePreClipBounds() {
        // tokens: outside the Pre-CLIP bound; unclipped (ratio 1); clipped (ratio e^0.5, A > 0); padding
        boolean[][] m = {{true, true, true, false}};
        Tensor lp = tensor(new double[][] {{-0.1, -1.0, -0.5, -3}});
        lp.requires_grad_(true);
        Tensor old = tensor(new double[][] {{-10, -1.0, -1.0, -3}});
        Tensor adv = tensor(new double[][] {{-1, 2.0, 1.0, 5}});
        PolicyLoss.Result res = PolicyLoss.compute(lp, old, adv, boolMask(m), null, PolicyLoss.Config.STABLE_REINFORCE);
        res.loss().backward();
        float[] g = Tensors.toFloats(lp.grad());
        // dℓ/dlogπ = −ratio·A on the unclipped term, divided by 3 tokens (one sequence)
        assertEquals(0.0, g[0], 0.0, "beyond ln 1e3: no gradient");
        assertEquals(-2.0 / 3, g[1], 1e-6);
        assertEquals(0.0, g[2], 0.0, "clipped term active: no gradient");
        assertEquals(0.0, g[3], 0.0, "padding: no gradient");
    }

    @Test
    void bf16InputsAreComputedInFloat32() {
        Random rnd = new Random(42);
        boolean[][] m = Fixtures.mask(rnd, B, T);
        double[][] lp = gaussian(rnd, B, T, 1, -2);
        double[][] old = gaussian(rnd, B, T, 0.05, -2);
        double[][] adv = gaussian(rnd, B, T, 1, 0);
        ScalarType bf16 = DType.BF16.scalarType();
        Tensor lpB = tensor(lp).to(bf16);
        Tensor oldB = tensor(old).to(bf16);
        PolicyLoss.Result res =
                PolicyLoss.compute(lpB, oldB, tensor(adv), boolMask(m), null, PolicyLoss.Config.STABLE_REINFORCE);
        assertEquals(DType.F32, Tensors.dtype(res.loss()));
        // the reference sees the same bf16-rounded log-probs, in double
        float[] lr = Tensors.toFloats(lpB);
        float[] or = Tensors.toFloats(oldB);
        double[][] tl = new double[B][T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                tl[b][t] = m[b][t] ? ScalarReference.tokenLoss(lr[b * T + t], or[b * T + t], adv[b][t], 0.2, true) : 0;
            }
        }
        assertClose(tl, res.tokenLoss(), 1e-5);
    }

    @Test
    void entropyBonusIsSubtracted() {
        boolean[][] m = {{true, true}};
        Tensor lp = tensor(new double[][] {{-1, -1}});
        Tensor adv = tensor(new double[][] {{1, 1}});
        Tensor ent = tensor(new double[][] {{2, 4}});
        PolicyLoss.Config cfg = PolicyLoss.Config.STABLE_REINFORCE.with("entropyCoef", 0.1);
        PolicyLoss.Result res = PolicyLoss.compute(lp, lp, adv, boolMask(m), ent, cfg);
        assertEquals(-1.0 - 0.1 * 3, Tensors.item(res.loss()), 1e-6);
        assertEquals(3.0, res.diagnostics().entropy(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PolicyLoss.compute(lp, lp, adv, boolMask(m), null, cfg));
    }
}
