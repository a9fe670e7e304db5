package dev.verdict.train.algo;

import static dev.verdict.train.algo.Fixtures.assertClose;
import static dev.verdict.train.algo.Fixtures.boolMask;
import static dev.verdict.train.algo.Fixtures.floatMask;
import static dev.verdict.train.algo.Fixtures.gaussian;
import static dev.verdict.train.algo.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class RewardsAndReturnsTest {
    private static final int B = 6;
    private static final int T = 9;

    @Test
    void klEstimatorsMatchScalarReference() {
        for (int seed = 0; seed < 5; seed++) {
            Random rnd = new Random(seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] lp = gaussian(rnd, B, T, 1.5, -2);
            double[][] ref = gaussian(rnd, B, T, 1.5, -2);
            assertClose(
                    ScalarReference.k1(lp, ref, m),
                    KlEstimator.K1.perToken(tensor(lp), tensor(ref), boolMask(m)),
                    1e-5);
            assertClose(
                    ScalarReference.k3(lp, ref, m),
                    KlEstimator.K3.perToken(tensor(lp), tensor(ref), floatMask(m)),
                    1e-4);
        }
    }

    @Test
    void k3IsNonNegativeAndZeroForEqualPolicies() {
        Random rnd = new Random(3);
        boolean[][] m = Fixtures.mask(rnd, B, T);
        double[][] lp = gaussian(rnd, B, T, 2, -1);
        Tensor same = KlEstimator.K3.perToken(tensor(lp), tensor(lp), boolMask(m));
        assertEquals(0.0, Tensors.item(same.abs().sum()), 0.0);
        float[] k3 =
                Tensors.toFloats(KlEstimator.K3.perToken(tensor(lp), tensor(gaussian(rnd, B, T, 2, -1)), boolMask(m)));
        for (float v : k3) {
            assertEquals(true, v >= 0, "k3 must be >= 0, got " + v);
        }
    }

    @Test
    void tokenRewardsMatchScalarReference() {
        for (int seed = 0; seed < 5; seed++) {
            Random rnd = new Random(100 + seed);
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] kl = ScalarReference.k1(gaussian(rnd, B, T, 1, 0), new double[B][T], m);
            double[] r = new double[B];
            for (int i = 0; i < B; i++) {
                r[i] = (float) (rnd.nextGaussian() * 8);
            }
            double beta = 0.05 * seed;
            double clip = seed % 2 == 0 ? 10 : 3;
            assertClose(
                    ScalarReference.tokenRewards(kl, r, m, beta, clip),
                    TokenRewards.compute(tensor(kl), tensor(r), boolMask(m), beta, clip),
                    1e-5);
        }
    }

    @Test
    void finalRewardLandsOnTheLastActionTokenOnly() {
        boolean[][] m = {{true, true, true, false}, {true, false, true, false}, {false, false, false, false}};
        Tensor r = TokenRewards.compute(
                Tensors.zeros(DType.F32, 3, 4), tensor(new double[] {2, 1.5, 7}), boolMask(m), 0.1, 10);
        assertArrayEquals(new float[] {0, 0, 2, 0, 0, 0, 1.5f, 0, 0, 0, 0, 0}, Tensors.toFloats(r));
    }

    @Test
    void returnsMatchScalarReferenceForSeveralGammas() {
        for (double gamma : new double[] {1.0, 0.9, 0.5, 0.0}) {
            Random rnd = new Random((long) (gamma * 1000));
            boolean[][] m = Fixtures.mask(rnd, B, T);
            double[][] r = gaussian(rnd, B, T, 1, 0.2);
            assertClose(ScalarReference.returns(r, m, gamma), Returns.discounted(tensor(r), boolMask(m), gamma), 1e-5);
        }
    }

    @Test
    void returnsIgnorePaddingGarbage() {
        boolean[][] m = {{true, true, false}};
        double[][] r = {{1, 2, Double.NaN}};
        assertArrayEquals(new float[] {3, 2, 0}, Tensors.toFloats(Returns.discounted(tensor(r), boolMask(m), 1.0)));
        assertArrayEquals(
                new float[] {2, 2, 0}, Tensors.toFloats(Returns.discounted(tensor(r), boolMask(m), 0.5)), 1e-6f);
    }

    @Test
    void shapesAreChecked() {
        boolean[][] m = {{true, true}};
        assertThrows(
                IllegalArgumentException.class,
                () -> KlEstimator.K1.perToken(tensor(new double[] {1, 2}), tensor(new double[] {1, 2}), boolMask(m)));
        assertThrows(
                IllegalArgumentException.class,
                () -> TokenRewards.compute(
                        tensor(new double[][] {{0, 0}}), tensor(new double[] {1, 2}), boolMask(m), 0, 10));
    }
}
