package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verdict.judge.Preference;
import org.junit.jupiter.api.Test;

class RewardsTest {
    private static final String GOOD_2 = "<think>Response 2 is right.</think><answer>2</answer>";

    @Test
    void formatIsTheStrictParser() {
        assertEquals(1.0, Rewards.format(GOOD_2));
        assertEquals(1.0, Rewards.format("  " + GOOD_2 + "\n"));
        assertEquals(0.0, Rewards.format("<think>x</think> <answer>2</answer>"), "space before <answer>");
        assertEquals(0.0, Rewards.format("<think>x</think><answer>3</answer>"));
        assertEquals(0.0, Rewards.format("<think>a</think><think>b</think><answer>1</answer>"));
        assertEquals(0.0, Rewards.format("2"));
        assertEquals(0.0, Rewards.format(null));
    }

    @Test
    void resultIsAnExactChoiceMatchAndAnUnreadableAnswerIsZero() {
        assertEquals(1.0, Rewards.result(GOOD_2, Preference.TWO));
        assertEquals(0.0, Rewards.result(GOOD_2, Preference.ONE));
        assertEquals(0.0, Rewards.result(GOOD_2, Preference.UNKNOWN));
        assertEquals(1.0, Rewards.result("no think here <answer> 1 </answer>", Preference.ONE), "first answer tag");
        assertEquals(0.0, Rewards.result("<think>x</think><answer>one</answer>", Preference.ONE));
        assertEquals(0.0, Rewards.result("I pick 1", Preference.ONE), "no last-digit fallback in training");
        assertEquals(0.0, Rewards.result("", Preference.ONE));
    }

    /** The table of spec §3.5, for both value sets. */
    @Test
    void combineReproducesTheRewardTable() {
        RewardConfig signed = RewardConfig.DEFAULT;
        double[][] rows = { // result, consistency finding index, R(format=1), R(format=0)
            {1, 0, 2.0, 1.5}, {1, 1, 1.0, 0.5}, {1, 2, 1.5, 1.0}, {0, 0, 0.5, 0.0}, {0, 1, 0.5, 0.0}
        };
        for (double[] row : rows) {
            Consistency c = Consistency.values()[(int) row[1]];
            double v = c.value(signed.scale());
            assertEquals(row[2], Rewards.combine(row[0], v, 1, signed), 1e-12, "format 1, " + c);
            assertEquals(row[3], Rewards.combine(row[0], v, 0, signed), 1e-12, "format 0, " + c);
        }
        RewardConfig binary = signed.with("scale", Consistency.Scale.BINARY);
        double inconsistent = Consistency.INCONSISTENT.value(binary.scale());
        assertEquals(1.5, Rewards.combine(1, inconsistent, 1, binary), 1e-12, "binary reading: inconsistent-correct");
        assertEquals(2.0, Rewards.combine(1, Consistency.CONSISTENT.value(binary.scale()), 1, binary), 1e-12);
        RewardConfig weighted = signed.with("consistencyWeight", 0.25).with("formatWeight", 2);
        assertEquals(1.25 + 2, Rewards.combine(1, 1, 1, weighted), 1e-12);
    }
}
