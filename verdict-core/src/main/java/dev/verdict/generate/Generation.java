package dev.verdict.generate;

import java.util.Arrays;

/**
 * A finished continuation.
 *
 * @param tokens [n] generated ids, without the end-of-sequence token
 * @param text decoded text, cut before any stop string
 * @param finish why it ended
 * @param endToken the end-of-sequence token that ended it when {@code finish} is EOS (one of the tokenizer's stop
 *     ids: {@code <|im_end|>} or {@code <|endoftext|>}), else -1
 * @param logProbs [n, or n + 1 with an end token] the sampler's log-probability of each token it drew, the end
 *     token last: log softmax(logits / T) at the request's temperature (T = 1 when greedy), before top-k, top-p and
 *     the never-sampled special tokens narrow the choice, so it is the quantity a trainer scores the tokens with
 */
public record Generation(long[] tokens, String text, Finish finish, long endToken, float[] logProbs) {
    public enum Finish {
        /** an end-of-sequence token */
        EOS,
        /** a stop string */
        STOP,
        /** max new tokens reached */
        LENGTH
    }

    /** Every token the sampler drew, in order: {@link #tokens} and then the end token, if one ended it. */
    public long[] sampled() {
        if (endToken < 0) {
            return tokens;
        }
        long[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = endToken;
        return out;
    }
}
