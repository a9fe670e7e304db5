package dev.verdict.generate;

/**
 * A finished continuation.
 *
 * @param tokens [n] generated ids, without the stop token
 * @param text decoded text, cut before any stop string
 * @param finish why it ended
 */
public record Generation(long[] tokens, String text, Finish finish) {
    public enum Finish {
        /** an end-of-sequence token */
        EOS,
        /** a stop string */
        STOP,
        /** max new tokens reached */
        LENGTH
    }
}
