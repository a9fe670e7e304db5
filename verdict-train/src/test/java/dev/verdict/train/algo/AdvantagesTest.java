package dev.verdict.train.algo;

import static dev.verdict.train.algo.Fixtures.assertClose;
import static dev.verdict.train.algo.Fixtures.boolMask;
import static dev.verdict.train.algo.Fixtures.gaussian;
import static dev.verdict.train.algo.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Whitening, the StableReinforce filter and the GRPO baseline against the scalar reference. */
class AdvantagesTest {
    private static final int B = 7;
    private static final int T = 10;

    @Test
    void whiteningMatchesScalarReference() {
        for (int seed = 0; seed < 5; seed++) {
            Random rnd = new Random(seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] a = gaussian(rnd, B, T, 3, 1.5);
            assertClose(ScalarReference.whiten(a, m), Whitening.whiten(tensor(a), boolMask(m)), 1e-4);
        }
    }

    @Test
    void statsOfShardsMergeToTheStatsOfTheWholeBatch() {
        Random rnd = new Random(11);
        boolean[][] m = Fixtures.mask(rnd, B, T);
        double[][] a = gaussian(rnd, B, T, 2, 0.7);
        Tensor at = tensor(a);
        Tensor mt = boolMask(m);
        WhiteningStats whole = WhiteningStats.of(at, mt);
        WhiteningStats first = WhiteningStats.of(at.narrow(0, 0, 3), mt.narrow(0, 0, 3));
        WhiteningStats rest = WhiteningStats.of(at.narrow(0, 3, B - 3), mt.narrow(0, 3, B - 3));
        WhiteningStats merged = WhiteningStats.fromArray(first.merge(rest).toArray());
        double[] ms = ScalarReference.meanStd(a, m);
        assertEquals(whole.count(), merged.count());
        assertEquals(ms[0], merged.mean(), 1e-9);
        assertEquals(ms[1], Math.sqrt(merged.variance()), 1e-9);
        // rank 0 whitening its own shard with the global stats equals its slice of the global whitening
        Tensor shard = Whitening.whiten(at.narrow(0, 0, 3), mt.narrow(0, 0, 3), merged, Whitening.DEFAULT_VAR_FLOOR);
        double[][] expected = ScalarReference.whiten(a, m);
        assertClose(new double[][] {expected[0], expected[1], expected[2]}, shard, 1e-4);
    }

    @Test
    void filterMatchesScalarReferenceInBothModes() {
        for (int seed = 0; seed < 6; seed++) {
            Random rnd = new Random(50 + seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            // heavy tails so that both windows and the guard have work to do
            double[][] z = gaussian(rnd, B, T, 4, seed % 2 == 0 ? 0 : 1.2);
            z[0][1] = Double.NaN;
            z[0][2] = Double.POSITIVE_INFINITY;
            double rawMean = 0.5 * seed;
            for (boolean reference : new boolean[] {false, true}) {
                AdvantageFilter.Config cfg =
                        reference ? AdvantageFilter.Config.REFERENCE : AdvantageFilter.Config.PAPER;
                AdvantageFilter.Result res = AdvantageFilter.apply(tensor(z), boolMask(m), rawMean, cfg);
                double[][] expected = ScalarReference.filter(z, m, rawMean, reference);
                assertClose(expected, res.advantages(), 1e-6);
                long dropped = 0;
                long n = 0;
                for (int b = 0; b < B; b++) {
                    for (int t = 0; t < T; t++) {
                        if (m[b][t]) {
                            n++;
                            dropped += expected[b][t] == 0 ? 1 : 0;
                        }
                    }
                }
                assertEquals(n, res.actionTokens());
                assertEquals(dropped, res.windowed() + res.guarded(), "mode reference=" + reference);
                assertEquals((double) dropped / n, res.filteredFraction(), 1e-12);
                assertEquals(true, res.guarded() >= 1, "the NaN is a guard hit");
            }
        }
    }

    /** spec §2.7: 255 rewards of 1 and one 0, equal lengths, γ = 1, β = 0. */
    @Test
    void paperVectorOutlierIsFilteredAndTheRestKept() {
        int b = 256;
        int t = 3;
        double[] finalR = new double[b];
        Arrays.fill(finalR, 1.0);
        finalR[b - 1] = 0.0;
        boolean[][] m = new boolean[b][t];
        for (boolean[] row : m) {
            Arrays.fill(row, true);
        }
        Tensor mask = boolMask(m);
        Tensor kl = Tensors.zeros(DType.F32, b, t);
        Tensor returns = Returns.discounted(TokenRewards.compute(kl, tensor(finalR), mask, 0.0, 10), mask, 1.0);
        WhiteningStats stats = WhiteningStats.of(returns, mask);
        assertEquals(0.99609375, stats.mean(), 1e-12);
        assertEquals(0.0623778, Math.sqrt(stats.variance()), 1e-7);
        Tensor z = Whitening.whiten(returns, mask, stats, Whitening.DEFAULT_VAR_FLOOR);
        float[] zf = Tensors.toFloats(z);
        assertEquals(-15.9687, zf[(b - 1) * t], 1e-3);
        assertEquals(0.062622, zf[0], 1e-6);
        for (AdvantageFilter.Config cfg :
                new AdvantageFilter.Config[] {AdvantageFilter.Config.PAPER, AdvantageFilter.Config.REFERENCE}) {
            AdvantageFilter.Result res = AdvantageFilter.apply(z, mask, stats.mean(), cfg);
            float[] out = Tensors.toFloats(res.advantages());
            for (int j = 0; j < t; j++) {
                assertEquals(0.0f, out[(b - 1) * t + j], "the 0-reward sample is filtered");
                assertEquals(0.062622, out[j], 1e-6, "a 1-reward sample is kept");
            }
            assertEquals(t, res.windowed());
            assertEquals(0, res.guarded());
        }
        AdvantageFilter.Result none = AdvantageFilter.apply(z, mask, stats.mean(), AdvantageFilter.Config.NONE);
        assertEquals(0, none.windowed() + none.guarded());
    }

    @Test
    void referenceWindowIsCentredOnTheRawMean() {
        // z = -2.5 is kept by the paper window [-3, 3] but dropped by the reference window [μ-3, μ+3] = [-2, 4]
        boolean[][] m = {{true, true}};
        Tensor z = tensor(new double[][] {{-2.5, 3.5}});
        float[] paper = Tensors.toFloats(AdvantageFilter.apply(z, boolMask(m), 1.0, AdvantageFilter.Config.PAPER)
                .advantages());
        float[] ref = Tensors.toFloats(AdvantageFilter.apply(z, boolMask(m), 1.0, AdvantageFilter.Config.REFERENCE)
                .advantages());
        assertEquals(-2.5f, paper[0]);
        assertEquals(0f, paper[1]);
        assertEquals(0f, ref[0]);
        assertEquals(3.5f, ref[1], 1e-6);
    }

    @Test
    void groupBaselineMatchesScalarReference() {
        int n = 4;
        for (int seed = 0; seed < 6; seed++) {
            Random rnd = new Random(300 + seed);
            int b = 5 * n;
            double[] r = new double[b];
            boolean[] valid = new boolean[b];
            for (int i = 0; i < b; i++) {
                r[i] = rnd.nextInt(5) * 0.5; // rewards on R1-Reward's grid, ties included
                valid[i] = rnd.nextInt(6) != 0;
            }
            valid[0] = true; // group 0: exactly one valid sample
            valid[1] = valid[2] = valid[3] = false;
            for (boolean sample : new boolean[] {true, false}) {
                GroupBaseline.Config cfg = new GroupBaseline.Config(
                        sample ? GroupBaseline.Std.SAMPLE : GroupBaseline.Std.POPULATION, true, 1e-6);
                Tensor v = Tensors.ofBools(valid, b);
                assertClose(
                        ScalarReference.group(r, valid, n, sample, 1e-6),
                        GroupBaseline.advantages(tensor(r), v, n, cfg),
                        1e-5);
            }
        }
    }

    @Test
    void groupBaselineWithoutStdOnlySubtractsTheMean() {
        Tensor r = tensor(new double[] {1, 2, 3, 10, 10, 10});
        GroupBaseline.Config cfg = new GroupBaseline.Config(GroupBaseline.Std.SAMPLE, false, 0);
        assertClose(new double[] {-1, 0, 1, 0, 0, 0}, GroupBaseline.advantages(r, null, 3, cfg), 1e-6);
        boolean[][] m = {{true, true, false}, {true, false, false}};
        Tensor tokens = GroupBaseline.toTokens(tensor(new double[] {0.5, -2}), boolMask(m));
        assertClose(new double[][] {{0.5, 0.5, 0}, {-2, 0, 0}}, tokens, 0);
    }
}
