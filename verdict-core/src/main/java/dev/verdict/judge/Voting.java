package dev.verdict.judge;

import java.util.List;

/**
 * Majority voting over K sampled judgments (voting@K, {@code spec/r1-reward.md} §8.3).
 *
 * <ul>
 *   <li>INVALID votes count for neither side: the majority is over the parsed votes only.
 *   <li>More votes for 1 than for 2 gives ONE, and the reverse TWO.
 *   <li>No valid vote at all gives INVALID.
 *   <li>Equal, non-zero valid votes are a tie, settled by the {@link TieRule} (INVALID by default).
 *   <li>{@link Verdict#probability} divides by all K samples, invalid ones included, so the probabilities of
 *       ONE, TWO and INVALID add up to 1.
 * </ul>
 */
public final class Voting {
    private Voting() {}

    /** The voted choice for {@code votes} under {@code tie}. */
    public static Choice decide(List<Choice> votes, TieRule tie) {
        int ones = 0;
        int twos = 0;
        for (Choice v : votes) {
            if (v == Choice.ONE) {
                ones++;
            } else if (v == Choice.TWO) {
                twos++;
            }
        }
        if (ones > twos) {
            return Choice.ONE;
        }
        if (twos > ones) {
            return Choice.TWO;
        }
        if (ones == 0 || tie == TieRule.INVALID) {
            return Choice.INVALID;
        }
        return votes.stream().filter(v -> v != Choice.INVALID).findFirst().orElse(Choice.INVALID);
    }

    /**
     * The verdict for {@code samples}: the voted choice, and as representative the first sample whose choice equals
     * it (an INVALID verdict: the first invalid sample, or the first sample when only a tie made it INVALID).
     */
    public static Verdict verdict(List<Verdict.Sample> samples, List<String> reasonings, TieRule tie, boolean swapped) {
        if (samples.size() != reasonings.size()) {
            throw new IllegalArgumentException("samples and reasonings differ in length");
        }
        Choice choice = decide(samples.stream().map(Verdict.Sample::choice).toList(), tie);
        int rep = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).choice() == choice) {
                rep = i;
                break;
            }
        }
        return new Verdict(choice, reasonings.get(rep), samples.get(rep).raw(), samples, swapped);
    }
}
