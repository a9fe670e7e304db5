package dev.verdict.data.synth;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rule-based teacher: writes a judgment in the exact R1-Reward output format, {@code
 * <think>…</think><answer>N</answer>}, that states the scene's true fact and checks each response against it,
 * in response order, in one of the {@link Judgments} wordings.
 */
final class Teacher {
    private Teacher() {}

    /** The judgment for a draft whose right response is shown at position {@code rightPosition} (1 or 2). */
    static String judge(Draft d, int rightPosition, Judgments wording, SplittableRandom rnd) {
        String think = switch (wording) {
            case PROSE -> prose(d, rightPosition, rnd);
            case LOOKUP -> lookup(d.lookup(), rightPosition, rnd);
        };
        return "<think>" + think + "</think><answer>" + rightPosition + "</answer>";
    }

    /** The fact the judgment of {@code d} states in {@code wording}. */
    static String statedFact(Draft d, Judgments wording) {
        return wording == Judgments.LOOKUP ? d.lookup().fact() : d.fact();
    }

    /** {@link #statedFact} with the two objects in the other order; empty where the fact has one wording only. */
    static String statedFactOtherOrder(Draft d, Judgments wording) {
        return wording == Judgments.LOOKUP ? d.lookup().factOtherOrder() : d.factOtherOrder();
    }

    private static String prose(Draft d, int rightPosition, SplittableRandom rnd) {
        StringBuilder think = new StringBuilder();
        think.append(Phrases.pick(rnd, Phrases.OPENERS, Map.of("topic", d.topic())));
        think.append(Phrases.pick(rnd, Phrases.FACTS, Map.of("fact", d.fact())));
        for (int r = 1; r <= 2; r++) {
            boolean right = r == rightPosition;
            Map<String, Object> m = Map.of("r", r, "claim", right ? d.rightClaim() : d.wrongClaim());
            think.append(Phrases.pick(rnd, right ? Phrases.RIGHT : Phrases.WRONG, m));
        }
        int loser = 3 - rightPosition;
        think.append(Phrases.pick(rnd, Phrases.CONCLUSIONS, Map.of("w", rightPosition, "l", loser)));
        return think.toString();
    }

    private static String lookup(Draft.Lookup l, int rightPosition, SplittableRandom rnd) {
        StringBuilder think = new StringBuilder();
        think.append(Phrases.pick(rnd, Phrases.FACTS, Map.of("fact", l.fact())));
        for (int r = 1; r <= 2; r++) {
            think.append(
                    Phrases.fill(Phrases.QUOTE, Map.of("r", r, "word", r == rightPosition ? l.right() : l.wrong())));
        }
        think.append(Phrases.fill(Phrases.LOOKUP, Map.of("word", l.right(), "r", rightPosition)));
        return think.toString();
    }
}
