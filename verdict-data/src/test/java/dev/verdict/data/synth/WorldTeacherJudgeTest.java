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
import org.junit.jupiter.api.Test;

class WorldTeacherJudgeTest {
    private final WorldTeacherJudge judge = new WorldTeacherJudge();

    @Test
    void writesTheStoredJudgmentInOrderAndARestatedOneSwapped() {
        for (WorldItem item : new World(WorldConfig.defaults(), 7).judgeItems("train", 60)) {
            PairExample pair = SynthWriter.toPair(item, "train");
            Verdict fixed = judge.judge(pair, JudgeOptions.defaults());
            assertEquals(item.judgment(), fixed.raw());
            assertTrue(fixed.correct(pair.preferred()));

            Verdict swapped = judge.judge(pair, JudgeOptions.defaults().withOrder(Order.SWAPPED));
            assertTrue(swapped.presentedSwapped());
            assertTrue(swapped.correct(pair.preferred()), swapped.raw());
            assertTrue(VerdictParser.isFormatValid(swapped.raw()));
            assertNotEquals(item.judgment(), swapped.raw());
            int presentedRight = pair.preferred().swapped().position();
            assertTrue(swapped.raw().endsWith("<answer>" + presentedRight + "</answer>"));
            String think = VerdictParser.parse(swapped.raw()).reasoning();
            assertTrue(think.indexOf("Response 1 says") < think.indexOf("Response 2 says"), think);
        }
    }

    @Test
    void swappingTwiceGivesTheOriginalReasoningBack() {
        for (WorldItem item : new World(WorldConfig.defaults(), 11).judgeItems("test", 30)) {
            String think = VerdictParser.parse(item.judgment()).reasoning();
            String twice = WorldTeacherJudge.swappedThink(item.id(), WorldTeacherJudge.swappedThink(item.id(), think));
            assertEquals(think, twice);
        }
    }

    @Test
    void refusesPairsWithoutAStoredJudgmentOrLabel() {
        PairExample bare = PairExample.textOnly("q", "a", "b").withPreferred(Preference.ONE);
        JudgeException e = assertThrows(JudgeException.class, () -> judge.judge(bare));
        assertTrue(e.getMessage().contains("meta.judgment"), e.getMessage());
        WorldItem item =
                new World(WorldConfig.defaults(), 3).judgeItems("train", 2).getFirst();
        PairExample unlabeled = SynthWriter.toPair(item, "train").withPreferred(Preference.UNKNOWN);
        assertThrows(JudgeException.class, () -> judge.judge(unlabeled));
    }
}
