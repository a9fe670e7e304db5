package dev.verdict.train.algo;

/**
 * Plain-Java oracles for the tensor functions: loops over double arrays indexed [b][t], written straight from the
 * formulas in the class Javadocs, with no shared code.
 */
final class ScalarReference {
    private ScalarReference() {}

    static double[][] k1(double[][] lp, double[][] ref, boolean[][] m) {
        double[][] out = new double[lp.length][lp[0].length];
        for (int b = 0; b < lp.length; b++) {
            for (int t = 0; t < lp[0].length; t++) {
                out[b][t] = m[b][t] ? lp[b][t] - ref[b][t] : 0;
            }
        }
        return out;
    }

    static double[][] k3(double[][] lp, double[][] ref, boolean[][] m) {
        double[][] out = new double[lp.length][lp[0].length];
        for (int b = 0; b < lp.length; b++) {
            for (int t = 0; t < lp[0].length; t++) {
                double logR = ref[b][t] - lp[b][t];
                out[b][t] = m[b][t] ? Math.exp(logR) - 1 - logR : 0;
            }
        }
        return out;
    }

    static double[][] tokenRewards(double[][] kl, double[] r, boolean[][] m, double beta, double clip) {
        double[][] out = new double[kl.length][kl[0].length];
        for (int b = 0; b < kl.length; b++) {
            int last = -1;
            for (int t = 0; t < kl[0].length; t++) {
                if (m[b][t]) {
                    out[b][t] = -beta * kl[b][t];
                    last = t;
                }
            }
            if (last >= 0) {
                out[b][last] += Math.max(-clip, Math.min(clip, r[b]));
            }
        }
        return out;
    }

    static double[][] returns(double[][] r, boolean[][] m, double gamma) {
        double[][] out = new double[r.length][r[0].length];
        for (int b = 0; b < r.length; b++) {
            double g = 0;
            for (int t = r[0].length - 1; t >= 0; t--) {
                if (m[b][t]) {
                    g = r[b][t] + gamma * g;
                    out[b][t] = g;
                }
            }
        }
        return out;
    }

    /** {mean, population std} over masked entries, two-pass. */
    static double[] meanStd(double[][] a, boolean[][] m) {
        double s = 0;
        int n = 0;
        for (int b = 0; b < a.length; b++) {
            for (int t = 0; t < a[0].length; t++) {
                if (m[b][t]) {
                    s += a[b][t];
                    n++;
                }
            }
        }
        double mu = s / n;
        double ss = 0;
        for (int b = 0; b < a.length; b++) {
            for (int t = 0; t < a[0].length; t++) {
                if (m[b][t]) {
                    ss += (a[b][t] - mu) * (a[b][t] - mu);
                }
            }
        }
        return new double[] {mu, Math.sqrt(Math.max(ss / n, 1e-8))};
    }

    static double[][] whiten(double[][] a, boolean[][] m) {
        double[] ms = meanStd(a, m);
        double[][] out = new double[a.length][a[0].length];
        for (int b = 0; b < a.length; b++) {
            for (int t = 0; t < a[0].length; t++) {
                out[b][t] = m[b][t] ? (a[b][t] - ms[0]) / ms[1] : 0;
            }
        }
        return out;
    }

    /** Paper filter (reference=false) or the released code's (reference=true), both with the |z| > 10 guard. */
    static double[][] filter(double[][] z, boolean[][] m, double rawMean, boolean reference) {
        double[][] out = new double[z.length][z[0].length];
        for (int b = 0; b < z.length; b++) {
            for (int t = 0; t < z[0].length; t++) {
                if (!m[b][t]) {
                    continue;
                }
                double v = reference ? z[b][t] + 1e-8 : z[b][t];
                boolean drop = reference ? (v < rawMean - 3 || v > rawMean + 3) : Math.abs(v) > 3;
                if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 10) {
                    drop = true;
                }
                out[b][t] = drop ? 0 : v;
            }
        }
        return out;
    }

    static double[] group(double[] r, boolean[] valid, int n, boolean sampleStd, double eps) {
        double[] out = new double[r.length];
        for (int g = 0; g < r.length / n; g++) {
            double s = 0;
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (valid[g * n + j]) {
                    s += r[g * n + j];
                    c++;
                }
            }
            int need = sampleStd ? 2 : 1;
            if (c < need) {
                continue;
            }
            double mu = s / c;
            double ss = 0;
            for (int j = 0; j < n; j++) {
                if (valid[g * n + j]) {
                    ss += (r[g * n + j] - mu) * (r[g * n + j] - mu);
                }
            }
            double std = Math.sqrt(ss / (sampleStd ? c - 1 : c));
            for (int j = 0; j < n; j++) {
                if (valid[g * n + j]) {
                    out[g * n + j] = (r[g * n + j] - mu) / (std + eps);
                }
            }
        }
        return out;
    }

    static double tokenLoss(double lp, double old, double adv, double eps, boolean preClip) {
        double d = lp - old;
        if (preClip) {
            d = Math.max(Math.log(1e-3), Math.min(Math.log(1e3), d));
        }
        double ratio = Math.exp(d);
        double clipped = Math.max(1 - eps, Math.min(1 + eps, ratio));
        return -Math.min(ratio * adv, clipped * adv);
    }

    /** Sequence mean of per-sequence token means over rows with at least one action token. */
    static double seqMeanTokenMean(double[][] l, boolean[][] m) {
        double total = 0;
        int rows = 0;
        for (int b = 0; b < l.length; b++) {
            double s = 0;
            int c = 0;
            for (int t = 0; t < l[0].length; t++) {
                if (m[b][t]) {
                    s += l[b][t];
                    c++;
                }
            }
            if (c > 0) {
                total += s / c;
                rows++;
            }
        }
        return rows == 0 ? 0 : total / rows;
    }

    static double tokenMean(double[][] l, boolean[][] m) {
        double s = 0;
        int c = 0;
        for (int b = 0; b < l.length; b++) {
            for (int t = 0; t < l[0].length; t++) {
                if (m[b][t]) {
                    s += l[b][t];
                    c++;
                }
            }
        }
        return c == 0 ? 0 : s / c;
    }
}
