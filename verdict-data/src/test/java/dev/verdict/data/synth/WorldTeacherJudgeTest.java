package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import dev.verdict.judge.VerdictParser;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorldTeacherJudgeTest {
    private final WorldTeacherJudge judge = new WorldTeacherJudge();

    @ParameterizedTest
    @EnumSource(Judgments.class)
    void writesTheStoredJudgmentInOrderAndARestatedOneSwapped(Judgments wording) {
        for (WorldItem item : new World(WorldConfig.defaults().with("judgments", wording), 7).judgeItems("train", 60)) {
            PairExample pair = SynthWriter.toPair(item, "train");
            Verdict fixed = judge.judge(pair, JudgeOptions.defaults());
            assertEquals(item.judgment(), fixed.raw());
            assertTrue(fixed.correct(pair.preferred()));

            Verdict swapped = judge.judge(pair, JudgeOptions.defaults().with("order", Order.SWAPPED));
            assertTrue(swapped.presentedSwapped());
            assertTrue(swapped.correct(pair.preferred()), swapped.raw());
            assertTrue(VerdictParser.isFormatValid(swapped.raw()));
            assertNotEquals(item.judgment(), swapped.raw());
            int presentedRight = pair.preferred().swapped().position();
            assertTrue(swapped.raw().endsWith("<answer>" + presentedRight + "</answer>"));
            String think = VerdictParser.parse(swapped.raw()).reasoning();
            String first = wording == Judgments.LOOKUP ? "Response 1:" : "Response 1 says";
            String second = wording == Judgments.LOOKUP ? "Response 2:" : "Response 2 says";
            assertTrue(think.indexOf(first) < think.indexOf(second), think);
        }
    }

    @Test
    void aSwappedLookUpJudgmentIsTheTeachersJudgmentOfTheSwappedPair() {
        Tasks tasks = new Tasks(WorldConfig.defaults());
        for (TaskKind kind : TaskKind.values()) {
            for (int seed = 0; seed < 20; seed++) {
                Draft d = tasks.draft(kind, new SplittableRandom(seed));
                String one = Teacher.judge(d, 1, Judgments.LOOKUP, new SplittableRandom(seed));
                String two = Teacher.judge(d, 2, Judgments.LOOKUP, new SplittableRandom(seed));
                String think = VerdictParser.parse(one).reasoning();
                assertEquals(VerdictParser.parse(two).reasoning(), WorldTeacherJudge.swappedThink("x", think), one);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Judgments.class)
    void swappingTwiceGivesTheOriginalReasoningBack(Judgments wording) {
        for (WorldItem item : new World(WorldConfig.defaults().with("judgments", wording), 11).judgeItems("test", 30)) {
            String think = VerdictParser.parse(item.judgment()).reasoning();
            String twice = WorldTeacherJudge.swappedThink(item.id(), WorldTeacherJudge.swappedThink(item.id(), think));
            assertEquals(think, twice);
        }
    }

    @Test
    void refusesPairsWithoutAStoredJudgmentOrLabel() {
        PairExample bare = PairExample.textOnly("q", "a", "b").with("preferred", Preference.ONE);
        JudgeException e = assertThrows(JudgeException.class, () -> judge.judge(bare));
        assertTrue(e.getMessage().contains("meta.judgment"), e.getMessage());
        WorldItem item =
                new World(WorldConfig.defaults(), 3).judgeItems("train", 2).getFirst();
        PairExample unlabeled = SynthWriter.toPair(item, "train").with("preferred", Preference.UNKNOWN);
        assertThrows(JudgeException.class, () -> judge.judge(unlabeled));
    }
}
