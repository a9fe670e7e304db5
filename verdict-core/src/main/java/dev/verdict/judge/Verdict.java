package dev.verdict.judge;

import java.util.List;

/**
 * A judge's decision on one pair, after voting over its samples. Choices always refer to the pair's own order
 * (response1 / response2 of the {@link PairExample} passed in), even when the judge was shown the responses
 * swapped.
 *
 * @param choice the voted choice ({@link Voting} documents the tie and invalid rules)
 * @param reasoning the {@code <think>} text of the representative sample
 * @param raw the full output of the representative sample: the first sample whose choice equals {@code choice}
 *     (for an INVALID verdict the first invalid sample; when every sample is valid and a tie made the verdict
 *     INVALID, the first sample)
 * @param samples every sample, in generation order
 * @param presentedSwapped whether the responses were shown to the judge in swapped order
 */
public record Verdict(Choice choice, String reasoning, String raw, List<Sample> samples, boolean presentedSwapped) {

    /**
     * One sampled judgment.
     *
     * @param raw the model output as written
     * @param choice the parsed pick, mapped back to the pair's own order
     * @param formatValid whether {@code raw} passes the strict format
     * @param extraction the parser rule that produced the choice
     */
    public record Sample(String raw, Choice choice, boolean formatValid, ParsedOutput.Extraction extraction) {}

    public Verdict {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one sample");
        }
    }

    /** The parsed vote of each sample, in the pair's own order. */
    public List<Choice> votes() {
        return samples.stream().map(Sample::choice).toList();
    }

    /** Fraction of all samples (invalid ones included in the denominator) that voted {@code c}. */
    public double probability(Choice c) {
        return (double) samples.stream().filter(s -> s.choice() == c).count() / samples.size();
    }

    /** Whether at least one sample picked the labelled response ("any correct" of voting@K). */
    public boolean anyCorrect(Preference label) {
        return samples.stream().anyMatch(s -> s.choice().matches(label));
    }

    /** Whether the voted choice agrees with {@code label}; INVALID and UNKNOWN never do. */
    public boolean correct(Preference label) {
        return choice.matches(label);
    }

    /** Fraction of samples that pass the strict format. */
    public double formatValidFraction() {
        return (double) samples.stream().filter(Sample::formatValid).count() / samples.size();
    }
}
