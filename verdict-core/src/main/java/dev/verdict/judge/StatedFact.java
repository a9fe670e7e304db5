package dev.verdict.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The true fact a pair records in its source, as the synthetic world writes it: {@value #FACT_KEY} in the
 * wording its teacher uses, and, for questions about two objects, {@value #OTHER_ORDER_KEY}: the same fact with
 * the objects named in the other order ("circle red yes, square blue no" for "square blue yes, circle red no").
 * A reasoning states the fact when it contains either wording, ignoring case and runs of whitespace.
 */
public final class StatedFact {
    /** The source key of the fact in the teacher's wording. */
    public static final String FACT_KEY = "fact";

    /** The source key of the same fact with its two objects in the other order (absent for one-object facts). */
    public static final String OTHER_ORDER_KEY = "fact_other_order";

    private StatedFact() {}

    /** The pair's wordings of its fact, normalised ({@link #normalise}); empty when it records no fact. */
    public static List<String> wordings(PairExample pair) {
        List<String> out = new ArrayList<>(2);
        for (String key : List.of(FACT_KEY, OTHER_ORDER_KEY)) {
            String fact = pair.source().get(key);
            if (fact != null && !fact.isBlank()) {
                out.add(normalise(fact));
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code normalisedReasoning} contains one of {@code wordings} (both {@link #normalise normalised}). */
    public static boolean statedIn(List<String> wordings, String normalisedReasoning) {
        return wordings.stream().anyMatch(normalisedReasoning::contains);
    }

    /** Lower case, runs of whitespace as one space, stripped. */
    public static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
