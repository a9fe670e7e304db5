package dev.verdict.eval.metrics;

import dev.verdict.judge.Choice;
import dev.verdict.judge.ItemSeeds;
import dev.verdict.judge.Preference;

/**
 * Scores one voted choice against its label. A valid choice is correct iff it names the preferred response. An
 * INVALID choice (no parsable vote, a tie under the INVALID tie rule, a judge error) is scored by the
 * {@link InvalidPolicy}: WRONG, EXCLUDED, or a fair coin seeded from (seed, row, order pass), the same coin at
 * every K.
 */
public final class Scoring {
    private Scoring() {}

    /** The result of scoring one judgment. */
    public enum Outcome {
        CORRECT,
        WRONG,
        EXCLUDED
    }

    /** Scores {@code choice} for the item at {@code row} in pass {@code order}. */
    public static Outcome score(
            Choice choice, Preference label, InvalidPolicy policy, long seed, int row, String order) {
        if (choice != Choice.INVALID) {
            return choice.matches(label) ? Outcome.CORRECT : Outcome.WRONG;
        }
        return switch (policy) {
            case WRONG -> Outcome.WRONG;
            case EXCLUDED -> Outcome.EXCLUDED;
            case COIN -> ItemSeeds.coin(seed, row + "/" + order, "invalid-coin") ? Outcome.CORRECT : Outcome.WRONG;
        };
    }
}
