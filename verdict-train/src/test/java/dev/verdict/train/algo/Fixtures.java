package dev.verdict.train.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verdict.tensor.Tensors;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;

/** Random batches and tensor/array conversions for the algorithm tests. */
final class Fixtures {
    private Fixtures() {}

    /**
     * A right-padded mask of random lengths in [0, t]; row 0 is always full and, when b > 2, row 1 is empty (an
     * excluded sample) and row 2 has a hole in the middle.
     */
    static boolean[][] mask(Random rnd, int b, int t) {
        boolean[][] m = new boolean[b][t];
        for (int i = 0; i < b; i++) {
            int len = i == 0 ? t : (b > 2 && i == 1) ? 0 : 1 + rnd.nextInt(t);
            for (int j = 0; j < len; j++) {
                m[i][j] = true;
            }
        }
        if (b > 2 && t > 3) {
            m[2][0] = true;
            m[2][1] = false;
            m[2][2] = true;
        }
        return m;
    }

    static double[][] gaussian(Random rnd, int b, int t, double scale, double shift) {
        double[][] a = new double[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                a[i][j] = (float) (shift + scale * rnd.nextGaussian());
            }
        }
        return a;
    }

    static Tensor tensor(double[][] a) {
        int b = a.length;
        int t = a[0].length;
        float[] f = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                f[i * t + j] = (float) a[i][j];
            }
        }
        return Tensors.of(f, b, t);
    }

    static Tensor tensor(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return Tensors.of(f, a.length);
    }

    static Tensor boolMask(boolean[][] m) {
        boolean[] flat = new boolean[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
        }
        return Tensors.ofBools(flat, m.length, m[0].length);
    }

    /** The same mask as 0/1 float32, to check both mask types are accepted. */
    static Tensor floatMask(boolean[][] m) {
        double[][] a = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                a[i][j] = m[i][j] ? 1 : 0;
            }
        }
        return tensor(a);
    }

    static void assertClose(double[][] expected, Tensor actual, double tol) {
        float[] got = Tensors.toFloats(actual);
        int t = expected[0].length;
        assertEquals(expected.length * t, got.length, "element count");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < t; j++) {
                double e = expected[i][j];
                assertEquals(e, got[i * t + j], tol * Math.max(1, Math.abs(e)), "at [" + i + ", " + j + "]");
            }
        }
    }

    static void assertClose(double[] expected, Tensor actual, double tol) {
        float[] got = Tensors.toFloats(actual);
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], tol * Math.max(1, Math.abs(expected[i])), "at [" + i + "]");
        }
    }
}
