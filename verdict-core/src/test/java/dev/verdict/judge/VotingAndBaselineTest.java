package dev.verdict.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VotingAndBaselineTest {
    private static final Choice I = Choice.INVALID;
    private static final Choice A = Choice.ONE;
    private static final Choice B = Choice.TWO;

    private static PairExample pair(String id, String r1, String r2, Preference label) {
        return new PairExample(id, id, List.of(), "q", r1, r2, label, "", "", Map.of());
    }

    @Test
    void majorityIgnoresInvalidVotes() {
        assertEquals(B, Voting.decide(List.of(B, B, A, B, B), TieRule.INVALID));
        assertEquals(A, Voting.decide(List.of(I, I, A), TieRule.INVALID));
        assertEquals(A, Voting.decide(List.of(A, I, I, I, B, A), TieRule.INVALID));
        assertEquals(I, Voting.decide(List.of(I, I), TieRule.FIRST_VALID));
    }

    @Test
    void tiesFollowTheTieRule() {
        assertEquals(I, Voting.decide(List.of(B, A), TieRule.INVALID));
        assertEquals(B, Voting.decide(List.of(I, B, A), TieRule.FIRST_VALID));
        assertEquals(A, Voting.decide(List.of(A, I, B, B, A), TieRule.FIRST_VALID));
    }

    /** A scripted judge that returns fixed texts, to test the shared sampling path. */
    private static final class Scripted extends SamplingJudge {
        final List<String> texts;
        final List<PairExample> seen = new ArrayList<>();

        Scripted(String... texts) {
            this.texts = List.of(texts);
        }

        @Override
        protected List<String> sample(PairExample presented, JudgeOptions options) {
            seen.add(presented);
            return texts.subList(0, options.votes());
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    @Test
    void verdictCarriesVotesProbabilityAndAnyCorrect() {
        String one = "<think>r1 right</think><answer>1</answer>";
        String two = "<think>r2 right</think><answer>2</answer>";
        Scripted judge = new Scripted(two, two, one, "garbage", two);
        Verdict v = judge.judge(pair("p", "a", "b", Preference.ONE), JudgeOptions.votes(5));
        assertEquals(B, v.choice());
        assertEquals(List.of(B, B, A, I, B), v.votes());
        assertEquals(0.6, v.probability(B), 1e-12);
        assertEquals(0.2, v.probability(A), 1e-12);
        assertEquals(0.2, v.probability(I), 1e-12);
        assertFalse(v.correct(Preference.ONE));
        assertTrue(v.anyCorrect(Preference.ONE));
        assertEquals("r2 right", v.reasoning());
        assertEquals(two, v.raw());
        assertEquals(0.8, v.formatValidFraction(), 1e-12);
    }

    @Test
    void swappedPresentationIsMappedBack() {
        Scripted judge = new Scripted("<think>first shown is better</think><answer>1</answer>");
        PairExample p = pair("p", "short", "the long one", Preference.TWO);
        Verdict v = judge.judge(p, JudgeOptions.defaults().with("order", Order.SWAPPED));
        assertEquals("the long one", judge.seen.getFirst().response1());
        assertTrue(v.presentedSwapped());
        assertEquals(B, v.choice());
        assertTrue(v.correct(Preference.TWO));
    }

    @Test
    void randomOrderIsSeededPerItemAndBalanced() {
        JudgeOptions o = JudgeOptions.defaults().with("order", Order.RANDOM).with("seed", 3);
        int swapped = 0;
        for (int i = 0; i < 2000; i++) {
            PairExample p = pair("item-" + i, "a", "b", Preference.ONE);
            assertEquals(o.swaps(p), o.swaps(p));
            swapped += o.swaps(p) ? 1 : 0;
        }
        assertTrue(swapped > 900 && swapped < 1100, "swapped " + swapped);
    }

    @Test
    void firstBaselinePicksPresentedFirst() {
        try (PairJudge j = BaselineJudge.named("first")) {
            PairExample p = pair("p", "a", "b", Preference.ONE);
            assertEquals(A, j.judge(p).choice());
            assertEquals(
                    B,
                    j.judge(p, JudgeOptions.defaults().with("order", Order.SWAPPED))
                            .choice());
            assertEquals(1.0, j.judge(p).formatValidFraction());
        }
    }

    @Test
    void longerBaselineCountsCodePoints() {
        PairJudge j = BaselineJudge.named("LONGER");
        // two emoji (4 UTF-16 units, 2 code points) vs three letters: letters are longer
        assertEquals(
                B,
                j.judge(pair("p", "\uD83D\uDE00\uD83D\uDE00", "abc", Preference.TWO))
                        .choice());
        assertEquals(A, j.judge(pair("p", "abcd", "abc", Preference.TWO)).choice());
        assertEquals(I, j.judge(pair("p", "abc", "xyz", Preference.TWO)).choice());
        assertEquals(
                A,
                j.judge(
                                pair("p", "abcd", "abc", Preference.TWO),
                                JudgeOptions.defaults().with("order", Order.SWAPPED))
                        .choice());
    }

    @Test
    void randomBaselineIsReproduciblePerItemAndNearHalf() {
        PairJudge j = BaselineJudge.named("random");
        JudgeOptions o = JudgeOptions.votes(3).with("seed", 11);
        int ones = 0;
        for (int i = 0; i < 1000; i++) {
            PairExample p = pair("id" + i, "a", "b", Preference.ONE);
            Verdict v = j.judge(p, o);
            assertEquals(v.votes(), j.judge(p, o).votes());
            ones += v.choice() == A ? 1 : 0;
        }
        assertTrue(ones > 430 && ones < 570, "ones " + ones);
        PairExample p = pair("same", "a", "b", Preference.ONE);
        Set<List<Choice>> distinct = new HashSet<>();
        for (long s = 0; s < 20; s++) {
            distinct.add(j.judge(p, o.with("seed", s)).votes());
        }
        boolean differs = distinct.size() > 1;
        assertTrue(differs, "the seed must matter");
        assertThrows(IllegalArgumentException.class, () -> BaselineJudge.named("oracle"));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> JudgeOptions.votes(0));
        assertThrows(
                IllegalArgumentException.class, () -> JudgeOptions.defaults().with("temperature", -1));
        assertThrows(
                IllegalArgumentException.class, () -> JudgeOptions.defaults().with("topP", 0));
    }

    @Test
    void pairSwapFlipsTheLabel() {
        PairExample p = pair("p", "a", "b", Preference.ONE);
        assertEquals(Preference.TWO, p.swapped().preferred());
        assertEquals("b", p.swapped().response1());
        assertEquals(p, p.swapped().swapped());
        assertEquals(
                Preference.UNKNOWN,
                p.with("preferred", Preference.UNKNOWN).swapped().preferred());
    }
}
