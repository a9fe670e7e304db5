package dev.verdict.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks one token from a row of logits with temperature, top-k and top-p, drawing from the request's own
 * random stream, so a request's text depends on its seed and not on what else is in the batch.
 */
final class TokenSampler {
    private final SamplingParams params;
    private final SplittableRandom random;
    private double logNormaliser = Double.NaN;

    TokenSampler(SamplingParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    /** @param logits [V] one row of next-token logits */
    int next(float[] logits) {
        if (params.greedy()) {
            return argmax(logits);
        }
        double inv = 1.0 / params.temperature();
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp((logits[i] - max) * inv);
            total += p[i];
        }
        logNormaliser = max * inv + Math.log(total);
        if (params.topK() > 0 && params.topK() < logits.length) {
            keepTopK(p, params.topK());
        }
        if (params.topP() < 1) {
            keepTopP(p, params.topP());
        }
        return draw(p);
    }

    /**
     * log sum exp(logits / T) of the logits the last sampled {@link #next} call drew from, before top-k and top-p:
     * computed in its own pass over the vocabulary; NaN after a greedy call, which makes no such pass.
     */
    double logNormaliser() {
        return params.greedy() ? Double.NaN : logNormaliser;
    }

    private int draw(double[] p) {
        double total = 0;
        for (double v : p) {
            total += v;
        }
        double u = random.nextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                acc += p[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void keepTopK(double[] p, int k) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double threshold = sorted[sorted.length - k];
        int kept = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] < threshold || (p[i] == threshold && kept >= k)) {
                p[i] = 0;
            } else {
                kept++;
            }
        }
    }

    /** Keeps the smallest set of most likely tokens whose mass reaches {@code topP} of the total. */
    private static void keepTopP(double[] p, double topP) {
        Integer[] order = new Integer[p.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            total += p[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double acc = 0;
        int i = 0;
        while (i < order.length && acc < topP * total) {
            acc += p[order[i]];
            i++;
        }
        for (; i < order.length; i++) {
            p[order[i]] = 0;
        }
    }
}
