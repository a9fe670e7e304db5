package dev.verdict.generate;

import dev.verdict.image.ImageGrid;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.model.AttentionMask;
import dev.verdict.model.KvCache;
import dev.verdict.model.ModelInput;
import dev.verdict.model.QwenVL;
import dev.verdict.model.RopeIndex;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import dev.verdict.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * Batched generation with a KV cache: prompts are left-padded into one batch, prefilled together, then
 * decoded one token per step for every unfinished row. The multimodal and turn-start special tokens are never
 * sampled. Each request samples from its own seeded stream.
 */
public final class Generator {
    private final QwenVL model;
    private final Tokenizer tokenizer;
    private final long[] stopIds;
    private final int[] banned;

    public Generator(QwenVL model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.stopIds =
                Arrays.stream(tokenizer.specials().stopIds()).asLongStream().toArray();
        SpecialTokens sp = tokenizer.specials();
        // tokens that only the prompt builder may place: a sampled image pad would corrupt any later re-scoring
        this.banned = new int[] {sp.imStart(), sp.imagePad(), sp.videoPad(), sp.visionStart(), sp.visionEnd()};
    }

    /** Generates a continuation for every request, in order. */
    public List<Generation> generate(List<GenerationRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        try (StopRequest.Section polling = StopRequest.polling();
                InferenceMode mode = new InferenceMode()) {
            return run(requests);
        }
    }

    private List<Generation> run(List<GenerationRequest> requests) {
        int b = requests.size();
        int len = requests.stream().mapToInt(r -> r.prompt().length).max().orElseThrow();
        int maxNew =
                requests.stream().mapToInt(r -> r.params().maxNewTokens()).max().orElseThrow();
        long[][] ids = new long[b][len];
        boolean[][] valid = new boolean[b][len + maxNew];
        List<Tensor> pixels = new ArrayList<>();
        List<ImageGrid> grids = new ArrayList<>();
        Row[] rows = new Row[b];
        for (int i = 0; i < b; i++) {
            GenerationRequest r = requests.get(i);
            int pad = len - r.prompt().length;
            System.arraycopy(r.prompt(), 0, ids[i], pad, r.prompt().length);
            Arrays.fill(valid[i], pad, len + maxNew, true);
            if (r.pixels() != null) {
                pixels.add(r.pixels());
                grids.addAll(r.grids());
            }
            rows[i] = new Row(r.params());
        }
        boolean padded = requests.stream().anyMatch(r -> r.prompt().length != len);
        boolean[][] promptMask = padded ? prefix(valid, len) : null;
        ModelInput in = new ModelInput(ids, promptMask, pixels.isEmpty() ? null : Tensors.cat(0, pixels), grids);
        try (KvCache cache = model.newCache(b, len + Math.max(1, maxNew))) {
            RopeIndex rope = model.ropeIndex(in);
            float[][] next;
            try (Scope s = Scope.open()) {
                Tensor mask = padded ? AttentionMask.causal(promptMask, 0, len) : null;
                Tensor h = model.step(model.embed(in), QwenVL.positionsTensor(rope.positions()), mask, cache);
                next = lastLogits(h);
            }
            for (int step = 0; step < maxNew; step++) {
                StopRequest.throwIfRequested("generation");
                long[] tokens = new long[b];
                boolean anyOpen = false;
                for (int i = 0; i < b; i++) {
                    float[] bannedLogits = new float[banned.length]; // kept for the log-probs' normaliser
                    for (int j = 0; j < banned.length; j++) {
                        int id = banned[j];
                        bannedLogits[j] = Float.NEGATIVE_INFINITY;
                        if (id >= 0 && id < next[i].length) {
                            bannedLogits[j] = next[i][id];
                            next[i][id] = Float.NEGATIVE_INFINITY;
                        }
                    }
                    tokens[i] = rows[i].accept(next[i], bannedLogits, stopIds, tokenizer);
                    anyOpen |= !rows[i].done;
                }
                if (!anyOpen || step == maxNew - 1) {
                    break;
                }
                next = decode(tokens, rope.deltas(), len + step, padded ? prefix(valid, len + step + 1) : null, cache);
            }
        }
        List<Generation> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.result(tokenizer));
        }
        return out;
    }

    private float[][] decode(long[] tokens, long[] deltas, int position, boolean[][] keyValid, KvCache cache) {
        int b = tokens.length;
        try (Scope s = Scope.open()) {
            long[] pos = new long[3 * b];
            for (int st = 0; st < 3; st++) {
                for (int i = 0; i < b; i++) {
                    pos[st * b + i] = position + deltas[i];
                }
            }
            Tensor mask = keyValid == null ? null : AttentionMask.causal(keyValid, position, 1);
            Tensor h = model.step(
                    model.embedIds(Tensors.ofLongs(tokens, b, 1)), Tensors.ofLongs(pos, 3, b, 1), mask, cache);
            return lastLogits(h);
        }
    }

    /** Next-token logits of the last position of every row: [B][V]. */
    private float[][] lastLogits(Tensor hidden) {
        long s = hidden.size(1);
        Tensor logits = model.logits(hidden.narrow(1, s - 1, 1).squeeze(1));
        int b = (int) logits.size(0);
        int v = (int) logits.size(1);
        float[] flat = Tensors.toFloats(logits);
        float[][] out = new float[b][];
        for (int i = 0; i < b; i++) {
            out[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
        }
        return out;
    }

    private static boolean[][] prefix(boolean[][] valid, int n) {
        boolean[][] out = new boolean[valid.length][];
        for (int i = 0; i < valid.length; i++) {
            out[i] = Arrays.copyOf(valid[i], n);
        }
        return out;
    }

    /** One request's progress. */
    private static final class Row {
        private final SamplingParams params;
        private final TokenSampler sampler;
        private final List<Long> tokens = new ArrayList<>();
        private final List<Float> logProbs = new ArrayList<>();
        private final double invTemperature;
        private boolean done;
        private Generation.Finish finish = Generation.Finish.LENGTH;
        private long endToken = -1;
        private String stoppedText;

        Row(SamplingParams params) {
            this.params = params;
            this.sampler = new TokenSampler(params);
            this.done = params.maxNewTokens() == 0;
            this.invTemperature = params.greedy() ? 1.0 : 1.0 / params.temperature();
        }

        /**
         * log sum exp(logits / T) over the whole vocabulary, the banned tokens included: the normaliser of the
         * sampler's log-probabilities. A sampled draw already summed the allowed logits (the sampler's own pass);
         * a greedy one takes a pass here.
         *
         * @param allowed [V] the logits with the banned tokens at -inf
         * @param banned the banned tokens' logits
         */
        private double logNormaliser(float[] allowed, float[] banned) {
            double logZ = sampler.logNormaliser();
            if (Double.isNaN(logZ)) {
                logZ = logSumExp(allowed, Double.NEGATIVE_INFINITY);
            }
            return logSumExp(banned, logZ);
        }

        /** log(exp(start) + sum exp(v / T)) over {@code values}, computed stably. */
        private double logSumExp(float[] values, double start) {
            double max = start;
            for (float v : values) {
                max = Math.max(max, v * invTemperature);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                return max;
            }
            double sum = Math.exp(start - max);
            for (float v : values) {
                sum += Math.exp(v * invTemperature - max);
            }
            return max + Math.log(sum);
        }

        /**
         * Samples the next token; returns what to feed back (the stop token itself is fed but not kept).
         *
         * @param logits [V] the next-token logits, the banned tokens at -inf
         * @param bannedLogits the banned tokens' own logits, for the log-probs' normaliser
         */
        long accept(float[] logits, float[] bannedLogits, long[] stopIds, Tokenizer tokenizer) {
            if (done) {
                return stopIds[0];
            }
            int t = sampler.next(logits);
            logProbs.add((float) (logits[t] * invTemperature - logNormaliser(logits, bannedLogits)));
            for (long s : stopIds) {
                if (s == t) {
                    done = true;
                    finish = Generation.Finish.EOS;
                    endToken = t;
                    return t;
                }
            }
            tokens.add((long) t);
            if (!params.stop().isEmpty()) {
                String text = tokenizer.decode(ids(), false);
                for (String stop : params.stop()) {
                    int at = text.indexOf(stop);
                    if (at >= 0) {
                        done = true;
                        finish = Generation.Finish.STOP;
                        stoppedText = text.substring(0, at);
                    }
                }
            }
            if (tokens.size() >= params.maxNewTokens()) {
                done = true;
            }
            return t;
        }

        long[] ids() {
            return tokens.stream().mapToLong(Long::longValue).toArray();
        }

        Generation result(Tokenizer tokenizer) {
            String text = stoppedText != null ? stoppedText : tokenizer.decode(ids(), false);
            float[] lp = new float[logProbs.size()];
            for (int i = 0; i < lp.length; i++) {
                lp[i] = logProbs.get(i);
            }
            return new Generation(ids(), text, finish, endToken, lp);
        }
    }
}
