package dev.verdict.train.algo;

import static dev.verdict.train.algo.Fixtures.assertClose;
import static dev.verdict.train.algo.Fixtures.boolMask;
import static dev.verdict.train.algo.Fixtures.gaussian;
import static dev.verdict.train.algo.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/** {@link Advantages} against the scalar chain, with excluded samples and two simulated data-parallel ranks. */
class AdvantagePipelineTest {
    private static final int B = 8;
    private static final int T = 7;

    private static double[] rewards(Random rnd, int b) {
        double[] r = new double[b];
        for (int i = 0; i < b; i++) {
            r[i] = rnd.nextInt(5) * 0.5;
        }
        return r;
    }

    /** The scalar chain: k1 → token rewards → returns → whitening → paper filter. */
    private static double[][] scalarStableReinforce(
            double[] r, double[][] lp, double[][] ref, boolean[][] m, double beta) {
        double[][] kl = ScalarReference.k1(lp, ref, m);
        double[][] g = ScalarReference.returns(ScalarReference.tokenRewards(kl, r, m, beta, 10), m, 1.0);
        double[] ms = ScalarReference.meanStd(g, m);
        return ScalarReference.filter(ScalarReference.whiten(g, m), m, ms[0], false);
    }

    @Test
    void stableReinforceMatchesTheScalarChainAndDropsExcludedSamples() {
        for (int seed = 0; seed < 4; seed++) {
            Random rnd = new Random(seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] lp = gaussian(rnd, B, T, 1, -2);
            double[][] ref = gaussian(rnd, B, T, 1, -2);
            double[] r = rewards(rnd, B);
            boolean[] valid = new boolean[B];
            Arrays.fill(valid, true);
            valid[B - 1] = false;
            double[] rWithNaN = r.clone();
            rWithNaN[B - 1] = Double.NaN;
            boolean[][] mValid = new boolean[B][];
            for (int i = 0; i < B; i++) {
                mValid[i] = valid[i] ? m[i].clone() : new boolean[T];
            }
            Advantages.Config cfg = Advantages.Config.STABLE_REINFORCE.with("kl", KlEstimator.K1, "klCoef", 0.05);
            Advantages.Result res = Advantages.compute(
                    tensor(rWithNaN),
                    tensor(lp),
                    tensor(ref),
                    boolMask(m),
                    Tensors.ofBools(valid, B),
                    cfg,
                    Advantages.StatsReducer.LOCAL);
            assertClose(scalarStableReinforce(r, lp, ref, mValid, 0.05), res.advantages(), 1e-4);
            float[] row = Tensors.toFloats(res.mask().narrow(0, B - 1, 1).to(ScalarType.Float));
            for (float v : row) {
                assertEquals(0f, v, "excluded row is masked out");
            }
            assertEquals(Masks.count(boolMask(mValid)), res.stats().count());
        }
    }

    @Test
    void twoRanksWithReducedStatsEqualOneProcess() {
        Random rnd = new Random(77);
        boolean[][] m = Fixtures.mask(rnd, B, T);
        Tensor lp = tensor(gaussian(rnd, B, T, 1, -2));
        Tensor ref = tensor(gaussian(rnd, B, T, 1, -2));
        Tensor r = tensor(rewards(rnd, B));
        Tensor mask = boolMask(m);
        Advantages.Config cfg = Advantages.Config.STABLE_REINFORCE
                .with("kl", KlEstimator.K3, "klCoef", 0.1)
                .with("filter", AdvantageFilter.Config.REFERENCE);
        Tensor whole = Advantages.compute(r, lp, ref, mask, null, cfg, Advantages.StatsReducer.LOCAL)
                .advantages();
        int h = B / 2;
        Tensor[] shard = new Tensor[2];
        WhiteningStats[] local = new WhiteningStats[2];
        for (int k = 0; k < 2; k++) {
            // what each rank would contribute: the stats of its own returns
            int rank = k;
            Advantages.StatsReducer capture = s -> {
                local[rank] = s;
                return s;
            };
            Advantages.compute(
                    r.narrow(0, k * h, h),
                    lp.narrow(0, k * h, h),
                    ref.narrow(0, k * h, h),
                    mask.narrow(0, k * h, h),
                    null,
                    cfg,
                    capture);
        }
        for (int k = 0; k < 2; k++) {
            int other = 1 - k;
            Advantages.StatsReducer allReduce = s -> WhiteningStats.fromArray(sum(s.toArray(), local[other].toArray()));
            shard[k] = Advantages.compute(
                            r.narrow(0, k * h, h),
                            lp.narrow(0, k * h, h),
                            ref.narrow(0, k * h, h),
                            mask.narrow(0, k * h, h),
                            null,
                            cfg,
                            allReduce)
                    .advantages();
        }
        float[] expected = Tensors.toFloats(whole);
        float[] got = Tensors.toFloats(Tensors.cat(0, shard[0], shard[1]));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-5, "at " + i);
        }
    }

    private static double[] sum(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    @Test
    void grpoGivesEveryActionTokenItsGroupAdvantage() {
        Random rnd = new Random(5);
        boolean[][] m = Fixtures.mask(rnd, B, T);
        double[] r = rewards(rnd, B);
        boolean[] valid = new boolean[B];
        Arrays.fill(valid, true);
        for (int i = 0; i < B; i++) {
            boolean any = false;
            for (boolean b : m[i]) {
                any |= b;
            }
            valid[i] = any; // an empty row is treated as excluded
        }
        Advantages.Result res = Advantages.compute(
                tensor(r),
                tensor(new double[B][T]),
                null,
                boolMask(m),
                Tensors.ofBools(valid, B),
                Advantages.Config.grpo(4),
                Advantages.StatsReducer.LOCAL);
        double[] group = ScalarReference.group(r, valid, 4, true, 1e-6);
        double[][] expected = new double[B][T];
        for (int i = 0; i < B; i++) {
            for (int t = 0; t < T; t++) {
                expected[i][t] = m[i][t] ? group[i] : 0;
            }
        }
        assertClose(expected, res.advantages(), 1e-5);
    }

    @Test
    void aBatchWithEverySampleExcludedIsRefused() {
        boolean[][] m = {{true, true}, {true, false}};
        Tensor lp = tensor(new double[][] {{-1, -1}, {-1, -1}});
        Tensor valid = Tensors.ofBools(new boolean[] {false, false}, 2);
        assertThrows(
                IllegalStateException.class,
                () -> Advantages.compute(
                        tensor(new double[] {1, 2}),
                        lp,
                        null,
                        boolMask(m),
                        valid,
                        Advantages.Config.STABLE_REINFORCE,
                        Advantages.StatsReducer.LOCAL));
    }
}
